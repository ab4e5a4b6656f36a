import { resolve } from 'node:path'
import type { Plugin } from 'vite'

export const lightClientWorkerModule = resolve(import.meta.dirname, '../../src/ui/engine/lightClient.worker.ts')

/**
 * Builds the light-client worker (src/ui/engine/lightClient.worker.ts) as an entry of the page's
 * own build instead of Vite's separate worker build: what the worker and the page both use
 * (@noble/curves' BLS12-381 and weierstrass code, @noble/hashes, the consensus errors, the endpoint
 * pool) was then in both, about 35 kB gzip twice. As one build they share chunks
 * (scripts/build/startUpChunks.ts keeps the worker's modules out of the page's chunks, which
 * touch `document`). The page's `import url from './lightClient.worker.ts?worker&url'`
 * (spawnLightClientWorker.ts) becomes the entry chunk's URL, relative to the importing chunk
 * (`import.meta.ROLLUP_FILE_URL_`, so the importer's hash covers the worker's name). Build only:
 * `npm run dev` and the tests keep Vite's own `?worker&url`.
 */
export function lightClientWorkerEntry(): Plugin {
  const urlId = '\0latchkey:light-client-worker-url'
  return {
    name: 'latchkey:light-client-worker-entry',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !/[?&]worker&url$/.test(source)) return null
      const path = source.replace(/\?.*$/, '')
      return resolve(importer, '..', path) === lightClientWorkerModule ? urlId : null
    },
    load(id) {
      if (id !== urlId) return null
      // Emitted where it is referenced: a page built with this config that never starts the
      // worker (the bench page) does not get it. Its exports are kept: the page imports this
      // same chunk as a module when no worker can run (runLightClientOnPage.ts).
      const ref = this.emitFile({ type: 'chunk', id: lightClientWorkerModule, name: 'lightClient.worker', preserveSignature: 'strict' })
      return `export default import.meta.ROLLUP_FILE_URL_${ref}\n`
    },
  }
}
