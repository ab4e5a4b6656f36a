import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const adapter = fileURLToPath(new URL('./viemSecp256k1.ts', import.meta.url))
const appRoot = fileURLToPath(new URL('../../package.json', import.meta.url))

/** What viem 2.x and persistent-merkle-tree import from their @noble 1.x, and the app's 2.x module that replaces it. */
export const nobleReplacements: Record<string, string> = {
  '@noble/hashes/sha256': '@noble/hashes/sha2.js',
  '@noble/hashes/sha3': '@noble/hashes/sha3.js',
  '@noble/hashes/ripemd160': '@noble/hashes/legacy.js',
  '@noble/curves/secp256k1': adapter,
}

// viem's own files only: its nested @scure/bip32 and bip39 are resolved for its index but never bundled (the app has its own).
const olderNobleUser = /\/node_modules\/(viem\/_esm|@chainsafe\/persistent-merkle-tree\/lib)\//

/**
 * viem (2.57, still on @noble/curves 1.9 and @noble/hashes 1.8) and @chainsafe/persistent-merkle-tree
 * (@noble/hashes 1.x) have their own older copies of noble's code beside the app's 2.x: in the
 * build, viem's secp256k1 was a 10 kB (gzip) chunk of its own and the two SHA-2/Keccak copies
 * about 6 kB more, spread over the first paint, the engine and the light-client worker. Their
 * imports go to the app's 2.x: the hashes have the same functions there (under `.js` names, RIPEMD-160
 * in `legacy.js`), taking bytes, which is all both packages pass; viem's secp256k1 goes to
 * scripts/build/viemSecp256k1.ts, 1.x's API over 2.x. An import not in the table fails the build,
 * so a new viem release that imports more of noble is seen, not bundled twice or half-adapted.
 */
export function oneNobleCopy(): Plugin {
  return {
    name: 'latchkey:one-noble-copy',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.startsWith('@noble/') || !importer || !olderNobleUser.test(importer)) return null
      const target = nobleReplacements[source]
      if (!target) this.error(`${importer} imports ${source}, which scripts/build/oneNobleCopy.ts has no 2.x replacement for`)
      if (target === adapter) return adapter
      return this.resolve(target, appRoot, { skipSelf: true })
    },
  }
}
