import path from 'node:path'
import type { Plugin } from 'vite'
import { chunkImportClosure } from './chunkImportClosure.ts'

/**
 * Rollup's `hoistTransitiveImports` for Rolldown, which does not implement it yet: an entry chunk
 * imports every chunk its static imports lead to, so the browser asks for the whole graph as soon
 * as it has read the entry. On the page, Vite's modulepreload links do this; a module worker has
 * none, and the light-client worker asked for `tower` (the field towers) only once
 * `bls12-381` had arrived: a third round trip before the worker could answer the link's review.
 * The imports are appended after the entry's own, so nothing evaluates in another order: each
 * added chunk has already run by the time the entry's last import is reached.
 */
export function hoistTransitiveImports(): Plugin {
  return {
    name: 'latchkey:hoist-transitive-imports',
    apply: 'build',
    renderChunk(code, chunk, options, meta) {
      if (!chunk.isEntry || options.format !== 'es') return null
      const missing = chunkImportClosure(meta.chunks, chunk.fileName).filter((file) => !chunk.imports.includes(file))
      if (missing.length === 0) return null
      const from = path.posix.dirname(chunk.fileName)
      const specifier = (file: string) => {
        const relative = path.posix.relative(from, file)
        return relative.startsWith('.') ? relative : `./${relative}`
      }
      return { code: `${code}\n${missing.map((file) => `import ${JSON.stringify(specifier(file))};`).join('\n')}\n`, map: null }
    },
  }
}
