import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { allowScript, earlyLightClientWorker, minifiedStarter, workerImports } from '../../../scripts/build/earlyLightClientWorker.ts'

const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
const html = `<head><meta http-equiv="Content-Security-Policy" content="${policy}" /><title>x</title>\n    <script type="module" crossorigin src="./assets/index-a.js"></script>\n</head>`
const transform = (filename: string, bundle: Record<string, unknown>) => {
  const hook = earlyLightClientWorker().transformIndexHtml as { handler: (html: string, ctx: unknown) => string }
  return hook.handler(html, { filename, path: '/index.html', bundle })
}
const appHtml = resolve(import.meta.dirname, '../../../index.html')

describe('earlyLightClientWorker', () => {
  it("puts the worker's start inline before the app's entry module, with the worker's hashed name, allowed by its hash alone", () => {
    const out = transform(appHtml, { 'assets/lightClient.worker-Ab12_-xY.js': {}, 'assets/index-a.js': {} })
    const script = /<script data-worker="\.\/assets\/lightClient\.worker-Ab12_-xY\.js" data-worker-imports="">([^<]*)<\/script>/.exec(out)
    expect(script?.[1]).toBe(minifiedStarter())
    expect(out.indexOf('data-worker=')).toBeLessThan(out.indexOf('index-a.js'))
    const hash = createHash('sha256').update(script![1]!, 'utf8').digest('base64')
    expect(out).toContain(`content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'; style-src 'self'"`)
    expect(out).not.toContain('unsafe-inline')
  })

  it("names the worker's imports, through one another, that the page does not preload", () => {
    const bundle = {
      'assets/lightClient.worker-W.js': { imports: ['assets/shared-S.js', 'assets/bls-B.js'] },
      'assets/bls-B.js': { imports: ['assets/tower-T.js', 'assets/shared-S.js'] },
      'assets/tower-T.js': { imports: ['assets/shared-S.js'] },
      'assets/shared-S.js': { imports: [] },
      'assets/index-a.js': { imports: ['assets/shared-S.js'] },
    }
    const page = html.replace('</head>', '<link rel="modulepreload" crossorigin href="./assets/shared-S.js">\n</head>')
    expect(workerImports({ bundle, worker: 'assets/lightClient.worker-W.js', html: page })).toEqual(['assets/bls-B.js', 'assets/tower-T.js'])
    // The entry inlined (no modulepreload polyfill): the page loads the shared chunk as a module script of its own.
    const scripts = html.replace('</head>', '<script type="module" crossorigin src="./assets/shared-S.js"></script>\n</head>')
    expect(workerImports({ bundle, worker: 'assets/lightClient.worker-W.js', html: scripts })).toEqual(['assets/bls-B.js', 'assets/tower-T.js'])
    // Without the page's preload link, the shared chunk is named too.
    expect(transform(appHtml, bundle)).toContain('data-worker-imports="./assets/bls-B.js ./assets/shared-S.js ./assets/tower-T.js"')
  })

  it('adds the hash to script-src only, and refuses a page without a policy or without script-src', () => {
    expect(allowScript(`<meta http-equiv="Content-Security-Policy" content="script-src 'self'; img-src 'self'">`, "'sha256-x'")).toBe(`<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'sha256-x'; img-src 'self'">`)
    expect(() => allowScript('<title>x</title>', "'sha256-x'")).toThrow(/no Content-Security-Policy/)
    expect(() => allowScript(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`, "'sha256-x'")).toThrow(/no script-src/)
  })

  it('refuses an app build without the worker, and leaves other pages (the bench page) alone', () => {
    expect(() => transform(appHtml, { 'assets/index-a.js': {} })).toThrow(/no light-client worker/)
    expect(transform(resolve(appHtml, '../scripts/bench/page/index.html'), {})).toBe(html)
  })

  it('minifies the starter, with the names the page and the worker read', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../../src/ui/engine/startLightClientWorker.js'), 'utf8')
    const code = minifiedStarter()
    expect(code.length).toBeLessThan(source.length / 2)
    expect(code).not.toContain('//')
    for (const name of ['latchkeyEarlyWorker', 'dataset.worker', 'dataset.workerImports', 'latchkey-light-client', 'indexedDB.databases']) expect(code).toContain(name)
  })
})
