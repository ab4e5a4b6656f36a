import type { OutputBundle } from 'rolldown'
import type { Plugin } from 'vite'
import { workerScriptsPlaceholder } from '../../src/sw/workerScripts.ts'
import { serviceWorkerModule } from './startUpChunks.ts'

/** sw.js and the chunks it imports, directly or through each other, as paths from the build's root. */
export function workerScriptsOf(bundle: OutputBundle): string[] {
  const seen: string[] = []
  const stack = ['sw.js']
  while (stack.length > 0) {
    const file = stack.pop()!
    const chunk = bundle[file]
    if (seen.includes(file) || chunk?.type !== 'chunk') continue
    seen.push(file)
    stack.push(...chunk.imports)
  }
  return seen
}

/**
 * Builds src/sw/serviceWorker.ts as `sw.js` at the root of the build (a worker's scope is its own
 * folder and below, and the app's scope is the whole origin): a module service worker, an entry
 * of the page's own build, so the code it shares with the page (multiformats' CID and bases, the
 * IPFS parsers and errors, the release inspector's readers) is in chunks both import, not once in
 * each (it was a classic script of its own build: 5 kB gzip twice). scripts/build/startUpChunks.ts
 * keeps its modules out of the page's chunks, which touch `document`. A stable name and no hash:
 * the browser's update check asks for `sw.js` by name, and the CID of the app stays the same on
 * every machine (tests/build/reproducible.test.ts).
 *
 * The browser's update check also compares every script the worker imports, so the worker must
 * know which files those are to show what a gateway swapped (recordWorkerReplaced.ts): they are
 * known once the chunks are made, and written into sw.js (its own name has no hash, so no other
 * file's name changes). Not in `npm run dev`, which does not register it.
 */
export function serviceWorkerBuild(): Plugin {
  return {
    name: 'latchkey:service-worker',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: serviceWorkerModule, fileName: 'sw.js' })
    },
    generateBundle(_options, bundle) {
      const worker = bundle['sw.js']
      if (worker?.type !== 'chunk') throw new Error('latchkey: the build produced no sw.js')
      const scripts = workerScriptsOf(bundle)
      const parts = worker.code.split(workerScriptsPlaceholder)
      if (parts.length !== 2) throw new Error(`latchkey: sw.js should name ${workerScriptsPlaceholder} once (src/sw/workerScripts.ts), found ${parts.length - 1}`)
      for (const file of scripts.slice(1)) {
        const chunk = bundle[file]
        if (chunk?.type === 'chunk' && chunk.code.includes(workerScriptsPlaceholder)) throw new Error(`latchkey: ${file} holds src/sw/workerScripts.ts, which must stay in sw.js`)
      }
      // File names are [\w.-/] only: the JSON needs no escaping in any string literal.
      worker.code = parts.join(JSON.stringify(scripts))
    },
  }
}
