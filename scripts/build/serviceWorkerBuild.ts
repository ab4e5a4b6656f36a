import { resolve } from 'node:path'
import { type Plugin, build } from 'vite'

/**
 * Builds src/sw/serviceWorker.ts as one classic script, `sw.js` at the root of the build (a
 * worker's scope is its own folder and below, and the app's scope is the whole origin). A stable
 * name and no hash: the worker carries no build-machine detail, and the CID of the app stays the
 * same on every machine (tests/build/reproducible.test.ts). Not in `npm run dev`, which does not
 * register it.
 */
export function serviceWorkerBuild(): Plugin {
  const root = resolve(import.meta.dirname, '../..')
  return {
    name: 'latchkey:service-worker',
    apply: 'build',
    async generateBundle() {
      const outputs = await build({
        configFile: false,
        root,
        logLevel: 'warn',
        plugins: [],
        build: {
          write: false,
          target: 'es2022',
          sourcemap: false,
          reportCompressedSize: false,
          minify: true,
          lib: { entry: resolve(root, 'src/sw/serviceWorker.ts'), formats: ['iife'], name: 'latchkeyServiceWorker', fileName: () => 'sw.js' },
        },
      })
      const output = (Array.isArray(outputs) ? outputs : [outputs]).flatMap((o) => ('output' in o ? o.output : []))
      const chunk = output.find((o) => o.type === 'chunk' && o.fileName === 'sw.js')
      if (!chunk || chunk.type !== 'chunk') throw new Error('latchkey: the service worker build produced no sw.js')
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: chunk.code })
    },
  }
}
