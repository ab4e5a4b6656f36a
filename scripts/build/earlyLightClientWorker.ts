import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Plugin, minifySync } from 'vite'
import { chunkImportClosure } from './chunkImportClosure.ts'

const starter = resolve(import.meta.dirname, '../../src/ui/engine/startLightClientWorker.js')

/** src/ui/engine/startLightClientWorker.js minified (oxc, as the build's chunks; a classic script, so its top level is not renamed). */
export function minifiedStarter(): string {
  const { code, errors } = minifySync('startLightClientWorker.js', readFileSync(starter, 'utf8'), { compress: true, mangle: true })
  if (errors.length > 0) throw new Error(`latchkey: startLightClientWorker.js did not minify: ${errors.map((e) => e.message).join('; ')}`)
  return code
}

/**
 * The policy of index.html's meta tag with `source` added to its script-src (the tag is the one
 * policy the app has: the gateway sends the same as a header, scripts/ipfs/readContentSecurityPolicy.ts).
 */
export function allowScript(html: string, source: string): string {
  const meta = /(<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*\scontent=")([^"]*)(")/.exec(html)
  if (!meta) throw new Error('latchkey: index.html has no Content-Security-Policy meta tag')
  const directives = meta[2].split(';').map((d) => d.trim())
  const at = directives.findIndex((d) => d.split(/\s+/)[0] === 'script-src')
  if (at < 0) throw new Error('latchkey: the Content-Security-Policy has no script-src')
  directives[at] = `${directives[at]} ${source}`
  return html.slice(0, meta.index) + meta[1] + directives.join('; ') + meta[3] + html.slice(meta.index + meta[0].length)
}

/** The chunks the worker's entry imports, directly or through one another, that index.html does not already preload for the page. */
export function workerImports({ bundle, worker, html }: { bundle: Record<string, unknown>; worker: string; html: string }): string[] {
  // Preloaded, or (the entry inlined: Vite writes each chunk an import-only entry imports as a
  // module script of its own) loaded as a script.
  const preloaded = new Set([...html.matchAll(/<(?:link rel="modulepreload"[^>]*\shref|script type="module"[^>]*\ssrc)="\.\/([^"]+)"/g)].map((m) => m[1]))
  return chunkImportClosure(bundle, worker).filter((file) => !preloaded.has(file)).sort()
}

/**
 * Puts `src/ui/engine/startLightClientWorker.js`, minified, into the built index.html as an inline
 * script before the entry module, with the light-client worker's hashed file name, and allows
 * exactly that script by its SHA-256 in the policy's script-src (a hash source: no other inline
 * script runs, as before). The worker's bundle is then requested while the HTML is parsed. It was
 * a file of its own until now (`startLightClientWorker.js`), and the worker's request waited for
 * that file's round trip: 70-150 ms even from the service worker (README, "the critical path under
 * the service worker"), longer through a busy gateway. Build only: `npm run dev` spawns the worker
 * from the page. Only the app's own index.html: other pages built with this config (the bench
 * page) have no such worker.
 */
export function earlyLightClientWorker(): Plugin {
  const appHtml = resolve(import.meta.dirname, '../../index.html')
  return {
    name: 'latchkey:early-light-client-worker',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (resolve(ctx.filename) !== appHtml) return html
        const worker = Object.keys(ctx.bundle ?? {}).find((file) => /(^|\/)lightClient\.worker-[\w-]+\.js$/.test(file))
        if (!worker) throw new Error('latchkey: the build has no light-client worker (lightClient.worker-*.js)')
        const entry = /<script type="module"[^>]*\ssrc="[^"]*"[^>]*><\/script>/.exec(html)
        if (!entry) throw new Error('latchkey: index.html has no entry module script')
        const code = minifiedStarter()
        // What would end the script element early, or open an HTML comment's escape in it.
        if (/<\/script|<!--/i.test(code)) throw new Error('latchkey: the minified starter cannot be inlined (it contains "</script" or "<!--")')
        const hash = createHash('sha256').update(code, 'utf8').digest('base64')
        const tag = `<script data-worker="./${worker}" data-worker-imports="${workerImports({ bundle: ctx.bundle ?? {}, worker, html }).map((file) => `./${file}`).join(' ')}">${code}</script>\n    `
        return allowScript(html.slice(0, entry.index) + tag + html.slice(entry.index), `'sha256-${hash}'`)
      },
    },
  }
}
