import { resolve } from 'node:path'
import type { Plugin } from 'vite'

export const lightClientWorkerModule = resolve(import.meta.dirname, '../../src/ui/engine/lightClient.worker.ts')
export const keystoreKdfWorkerModule = resolve(import.meta.dirname, '../../src/ui/keys/keystoreKdf.worker.ts')

/** The app's workers, each an entry chunk of the page's build, named as Vite's worker build named them. */
export const workerEntryModules = new Map([
  [lightClientWorkerModule, 'lightClient.worker'],
  [keystoreKdfWorkerModule, 'keystoreKdf.worker'],
])

/**
 * Builds the app's workers (the light client, src/ui/engine/lightClient.worker.ts, and the
 * keystore's KDF, src/ui/keys/keystoreKdf.worker.ts) as entries of the page's own build instead
 * of Vite's separate worker build: what a worker and the page both use was then in both (the
 * light client's @noble/curves' BLS12-381 and weierstrass code, @noble/hashes, the consensus
 * errors, the endpoint pool: about 35 kB gzip twice; the KDF's scrypt, pbkdf2 and hashes, which
 * the vault's KDF has on the page, and the wallet's errors). As one build they share chunks
 * (scripts/build/startUpChunks.ts and featureChunks.ts keep the workers' modules out of the
 * page's chunks, which touch `document`). The page's `import url from './x.worker.ts?worker&url'`
 * (spawnLightClientWorker.ts, deriveKeystoreKeyInWorker.ts) becomes the entry chunk's URL,
 * relative to the importing chunk (`import.meta.ROLLUP_FILE_URL_`, so the importer's hash covers
 * the worker's name). Build only: `npm run dev` and the tests keep Vite's own `?worker&url`.
 */
export function workerEntries(): Plugin {
  const urlPrefix = '\0latchkey:worker-url:'
  return {
    name: 'latchkey:worker-entries',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !/[?&]worker&url$/.test(source)) return null
      const path = resolve(importer, '..', source.replace(/\?.*$/, ''))
      // The virtual id names the worker, not its path: no build-machine path in the module graph.
      const name = workerEntryModules.get(path)
      return name ? urlPrefix + name : null
    },
    load(id) {
      if (!id.startsWith(urlPrefix)) return null
      const name = id.slice(urlPrefix.length)
      const module = [...workerEntryModules].find(([, n]) => n === name)![0]
      // Emitted where it is referenced: a page built with this config that never starts the
      // worker (the bench page) does not get it. Its exports are kept: the page imports the
      // light-client worker's chunk as a module when no worker can run (runLightClientOnPage.ts).
      const ref = this.emitFile({ type: 'chunk', id: module, name, preserveSignature: 'strict' })
      return `export default import.meta.ROLLUP_FILE_URL_${ref}\n`
    },
  }
}
