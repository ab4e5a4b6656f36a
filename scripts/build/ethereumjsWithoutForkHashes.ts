import type { Plugin } from 'vite'

const crc = /\/@ethereumjs\/common\/dist\/esm\/crc\.js$/

export const ethereumjsCrcStandIn = [
  'export const crc32 = () => {',
  '  throw new Error("EIP-2124 fork hashes are computed by no part of Latchkey\'s browser build (scripts/build/ethereumjsWithoutForkHashes.ts): crc32 is left out")',
  '}',
  '',
].join('\n')

/**
 * @ethereumjs/common's CRC-32 (`crc.js`, its 256-entry table: about 1 kB gzip in the local EVM),
 * which `Common` calls only to compute an EIP-2124 fork hash (`forkHash`, `setForkHashes`): the
 * devp2p handshake's, which neither the EVM nor Latchkey asks for (and a built-in chain's fork
 * hashes are in its config). The browser build replaces the module with a `crc32` that throws;
 * the build fails if `crc.js` no longer exports `crc32`. tests/scripts/build/ethereumjsWithoutForkHashes.test.ts
 * bundles @ethereumjs/common with it: the same hardforks and parameters, the same stored fork hashes.
 */
export function ethereumjsWithoutForkHashes(): Plugin {
  return {
    name: 'latchkey:ethereumjs-without-fork-hashes',
    apply: 'build',
    transform(code, id) {
      if (!crc.test(id)) return null
      if (!/^export const crc32 = /m.test(code)) throw new Error('@ethereumjs/common crc.js: no `export const crc32` found (scripts/build/ethereumjsWithoutForkHashes.ts)')
      return { code: ethereumjsCrcStandIn, map: null }
    },
  }
}
