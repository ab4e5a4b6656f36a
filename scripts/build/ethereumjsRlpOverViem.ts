import { resolve } from 'node:path'
import type { Plugin } from 'vite'

const standIn = resolve(import.meta.dirname, 'rlpOverViem.ts')

/**
 * @ethereumjs/rlp (about 1.8 kB gzip in the page's engine chunk, beside viem's own RLP codec)
 * becomes scripts/build/rlpOverViem.ts, its `RLP` over viem's `toRlp` and `fromRlp`, for every
 * importer: @ethereumjs/mpt, util and the state manager, and src/lib/execution. The stand-in
 * itself takes the library's error classes from the real package (nothing else of it is used).
 */
export function ethereumjsRlpOverViem(): Plugin {
  return {
    name: 'latchkey:ethereumjs-rlp-over-viem',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === '@ethereumjs/rlp' && importer !== standIn ? standIn : null
    },
  }
}
