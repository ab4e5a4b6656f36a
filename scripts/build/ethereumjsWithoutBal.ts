import type { Plugin } from 'vite'

const utilIndex = /\/@ethereumjs\/util\/dist\/esm\/index\.js$/
const standInSource = 'latchkey:ethereumjs-no-bal'
const standInId = `\0${standInSource}`
const balExports = ['export * from "./bal/index.js";', 'export * from "./bal/validation.js";']

/** @ethereumjs/util's index without its two EIP-7928 modules, and `createBlockLevelAccessList` from the stand-in; throws if either export is not found (a changed file). */
export function withoutBal(code: string): string {
  for (const line of balExports) if (!code.includes(line)) throw new Error(`@ethereumjs/util index.js: \`${line}\` not found (scripts/build/ethereumjsWithoutBal.ts)`)
  return balExports.reduce((out, line) => out.replace(line, ''), code) + `\nexport { createBlockLevelAccessList } from "${standInSource}";\n`
}

export const ethereumjsBalStandIn = [
  '// EIP-7928 is left out of the browser build (scripts/build/ethereumjsWithoutBal.ts): any use of the list throws.',
  'const refuse = () => { throw new Error("EIP-7928 block-level access lists are left out of Latchkey\'s browser build (scripts/build/ethereumjsWithoutBal.ts)") }',
  'export function createBlockLevelAccessList() {',
  '  return new Proxy({}, { get: refuse, set: refuse, has: refuse })',
  '}',
  '',
].join('\n')

/**
 * @ethereumjs/util's EIP-7928 (Amsterdam) block-level access list (`bal/`, 2.5 kB gzip, in the
 * page's engine chunk, since the engine's @ethereumjs/mpt and the local EVM share util's modules):
 * only @ethereumjs/evm uses it, and only to record a block's accesses when its Common activates
 * EIP-7928, which Latchkey's local EVM refuses to run (runCallAsTransaction's UNIMPLEMENTED_EIPS,
 * checked before any execution; mainnet's and Sepolia's Amsterdam has no date). The EVM's
 * constructor still creates a list under such a Common, so the stand-in creates one whose every
 * use throws. tests/scripts/build/ethereumjsWithoutBal.test.ts runs the EVM bundled with it.
 */
export function ethereumjsWithoutBal(): Plugin {
  return {
    name: 'latchkey:ethereumjs-without-bal',
    apply: 'build',
    resolveId(source) {
      return source === standInSource ? standInId : null
    },
    load(id) {
      return id === standInId ? ethereumjsBalStandIn : null
    },
    transform(code, id) {
      return utilIndex.test(id) ? { code: withoutBal(code), map: null } : null
    },
  }
}
