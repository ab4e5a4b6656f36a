// The light-client worker starts from index.html (src/ui/engine/startLightClientWorker.js), before the
// page's scripts have run, and the page adopts it: one worker, requested with the first scripts,
// syncing as before. If the page spawned its own, two would run (the early one left over).
import { expect, it } from 'vitest'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { connectLink, dumpOnFailure, useE2e } from './harness.ts'

const e2e = useE2e()

it('starts the light-client worker from index.html and the page takes it over (one worker, synced)', async () => {
  const { page, app, devnet, browser } = e2e
  dumpOnFailure(page, browser, 'early-worker')
  const workers: string[] = []
  page.on('worker', (worker) => workers.push(worker.url()))
  const requested: string[] = []
  // Records, for each worker the page makes, the script element that made it (an inline script in index.html, or none).
  await page.addInitScript(() => {
    const made: string[] = ((globalThis as { __workersMadeBy?: string[] }).__workersMadeBy = [])
    const Original = globalThis.Worker
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        if (options?.name === 'latchkey-light-client') made.push((document.currentScript as HTMLScriptElement | null)?.dataset.worker ?? '(no script element)')
        super(url, options)
      }
    }
  })
  page.on('request', (request) => requested.push(new URL(request.url()).pathname))
  await confirmConnectLink(page, connectLink(app, devnet))
  await page.locator('[data-sync-status="synced"]').waitFor({ timeout: 90_000 })
  const lightClientWorkers = workers.filter((url) => /\/assets\/lightClient\.worker-[\w-]+\.js$/.test(url))
  expect(lightClientWorkers).toHaveLength(1)
  // index.html's inline script started it (document.currentScript is that script, with the
  // worker's name), no file of its own was asked for, and the page made no second worker.
  expect(await page.evaluate(() => (globalThis as { __workersMadeBy?: string[] }).__workersMadeBy)).toEqual([expect.stringMatching(/^\.\/assets\/lightClient\.worker-[\w-]+\.js$/)])
  expect(requested.filter((path) => path.endsWith('/startLightClientWorker.js'))).toEqual([])
}, 180_000)
