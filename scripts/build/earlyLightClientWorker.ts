import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Plugin, minifySync } from 'vite'

const starter = resolve(import.meta.dirname, '../../src/ui/engine/startLightClientWorker.js')

/** src/ui/engine/startLightClientWorker.js minified (oxc, as the build's chunks; a classic script, so its top level is not renamed). */
export function minifiedStarter(): string {
  const { code, errors } = minifySync('startLightClientWorker.js', readFileSync(starter, 'utf8'), { compress: true, mangle: true })
  if (errors.length > 0) throw new Error(`latchkey: startLightClientWorker.js did not minify: ${errors.map((e) => e.message).join('; ')}`)
  return code
}

/**
 * Adds `src/ui/engine/startLightClientWorker.js` to the build, minified, as `startLightClientWorker.js`
 * (it was copied verbatim from static/, comments and all: 868 B gzip, 0.5 kB more than minified,
 * on the first paint), and to the built index.html, before the entry module, with
 * the light-client worker's hashed file name: the worker's bundle is then requested with the
 * page's first scripts instead of after the entry's whole static graph. An async classic script
 * runs as soon as it arrives. Build only: `npm run dev` spawns the worker from the page. Only the
 * app's own index.html: other pages built with this config (the bench page) have no such worker.
 */
export function earlyLightClientWorker(): Plugin {
  const appHtml = resolve(import.meta.dirname, '../../index.html')
  return {
    name: 'latchkey:early-light-client-worker',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'startLightClientWorker.js', source: minifiedStarter() })
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (resolve(ctx.filename) !== appHtml) return html
        const worker = Object.keys(ctx.bundle ?? {}).find((file) => /(^|\/)lightClient\.worker-[\w-]+\.js$/.test(file))
        if (!worker) throw new Error('latchkey: the build has no light-client worker (lightClient.worker-*.js)')
        const entry = /<script type="module"[^>]*\ssrc="[^"]*"[^>]*><\/script>/.exec(html)
        if (!entry) throw new Error('latchkey: index.html has no entry module script')
        const tag = `<script async src="./startLightClientWorker.js" data-worker="./${worker}"></script>\n    `
        return html.slice(0, entry.index) + tag + html.slice(entry.index)
      },
    },
  }
}
