import { createRequire } from 'node:module'
import path from 'node:path'
import type { Plugin } from 'vite'

const stubId = '\0latchkey:lazy-evm-bls'
// The real wrapper's own chunk, named so that the bench counts it apart (scripts/bench/groupDistFiles.ts).
const libraryId = '\0evmBls12381.js'

/**
 * @ethereumjs/evm builds its BLS12-381 precompiles (EIP-2537, 0x0b-0x11) on @noble/curves'
 * bls12-381, imported statically: about 16 kB gzip that every token balance would load, for
 * precompiles that almost no call reaches. Inside the EVM, its `NobleBLS` becomes a class that
 * loads the real one (and the curve) with `load()`; the local EVM calls `load()` before any message
 * to one of those addresses runs (createVerifiedEvm), so the precompiles answer exactly as before.
 * Used by the app build and by vitest, so that the tests run the lazy path too.
 */
export function lazyEvmBls(): Plugin {
  const evmRoot = ethereumjsEvmRoot()
  const realNoble = path.join(evmRoot, 'dist/esm/precompiles/bls12_381/noble.js')
  const evmBlsIndex = path.join(evmRoot, 'dist/esm/precompiles/bls12_381/index.js')
  return {
    name: 'latchkey:lazy-evm-bls',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './noble.js' && importer && path.normalize(importer.split('?')[0]!) === evmBlsIndex) return stubId
      if (source === libraryId) return libraryId
      return null
    },
    load(id) {
      if (id === libraryId) return `export { NobleBLS } from ${JSON.stringify(realNoble)}\n`
      if (id !== stubId) return null
      const methods = ['addG1', 'addG2', 'mapFPtoG1', 'mapFP2toG2', 'msmG1', 'msmG2', 'pairingCheck']
      return [
        'let real',
        'export class NobleBLS {',
        `  async load() { real ??= new (await import(${JSON.stringify(libraryId)})).NobleBLS() }`,
        ...methods.map((m) => `  ${m}(input) { if (!real) throw new Error('BLS12-381 precompile called before its library was loaded'); return real.${m}(input) }`),
        '}',
      ].join('\n')
    },
  }
}

/** @ethereumjs/evm's directory (the package exports only its entry, dist/cjs/index.js for require: two levels down). */
export function ethereumjsEvmRoot(): string {
  return path.resolve(path.dirname(createRequire(import.meta.url).resolve('@ethereumjs/evm')), '../..')
}
