import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { earlyLightClientWorker, minifiedStarter } from '../../../scripts/build/earlyLightClientWorker.ts'

const html = '<head><title>x</title>\n    <script type="module" crossorigin src="./assets/index-a.js"></script>\n</head>'
const transform = (filename: string, bundle: Record<string, unknown>) => {
  const hook = earlyLightClientWorker().transformIndexHtml as { handler: (html: string, ctx: unknown) => string }
  return hook.handler(html, { filename, path: '/index.html', bundle })
}
const appHtml = resolve(import.meta.dirname, '../../../index.html')

describe('earlyLightClientWorker', () => {
  it("puts the worker's start before the app's entry module, with the worker's hashed name", () => {
    const out = transform(appHtml, { 'assets/lightClient.worker-Ab12_-xY.js': {}, 'assets/index-a.js': {} })
    expect(out).toContain('<script async src="./startLightClientWorker.js" data-worker="./assets/lightClient.worker-Ab12_-xY.js"></script>')
    expect(out.indexOf('startLightClientWorker.js')).toBeLessThan(out.indexOf('index-a.js'))
  })

  it('refuses an app build without the worker, and leaves other pages (the bench page) alone', () => {
    expect(() => transform(appHtml, { 'assets/index-a.js': {} })).toThrow(/no light-client worker/)
    expect(transform(resolve(appHtml, '../scripts/bench/page/index.html'), {})).toBe(html)
  })

  it('emits the starter minified, with the names the page and the worker read', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../../src/ui/engine/startLightClientWorker.js'), 'utf8')
    const code = minifiedStarter()
    expect(code.length).toBeLessThan(source.length / 2)
    expect(code).not.toContain('//')
    for (const name of ['latchkeyEarlyWorker', 'dataset.worker', 'latchkey-light-client', 'indexedDB.databases']) expect(code).toContain(name)
  })
})
