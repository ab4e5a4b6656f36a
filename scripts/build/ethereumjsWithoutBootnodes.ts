import type { Plugin } from 'vite'

const chains = /\/@ethereumjs\/common\/dist\/esm\/chains\.js$/

/** chains.js with every chain's `bootstrapNodes` and `dnsNetworks` lists emptied; throws if it finds none (a changed file). */
export function withoutBootnodes(code: string): string {
  let found = 0
  const out = code.replace(/(bootstrapNodes|dnsNetworks): \[[\s\S]*?\n {4}\],/g, (_, key: string) => {
    found++
    return `${key}: [],`
  })
  if (found === 0) throw new Error('@ethereumjs/common chains.js: no bootstrapNodes or dnsNetworks list found (scripts/build/ethereumjsWithoutBootnodes.ts)')
  return out
}

/**
 * @ethereumjs/common's chain configs (mainnet's and Sepolia's reach the local EVM, through
 * `createCustomCommon`) carry their peer-to-peer bootnodes and DNS discovery trees: enode ids of
 * 64 random bytes, about 1 kB gzip, which only a devp2p client reads (`Common.bootstrapNodes()`);
 * the EVM and Latchkey never do. The browser build empties those two lists.
 * tests/scripts/build/ethereumjsWithoutBootnodes.test.ts checks the rest of the configs is unchanged.
 */
export function ethereumjsWithoutBootnodes(): Plugin {
  return {
    name: 'latchkey:ethereumjs-without-bootnodes',
    apply: 'build',
    transform(code, id) {
      return chains.test(id) ? { code: withoutBootnodes(code), map: null } : null
    },
  }
}
