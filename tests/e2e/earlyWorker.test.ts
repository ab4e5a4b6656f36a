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
  page.on('request', (request) => requested.push(new URL(request.url()).pathname))
  await confirmConnectLink(page, connectLink(app, devnet))
  await page.locator('[data-sync-status="synced"]').waitFor({ timeout: 90_000 })
  const lightClientWorkers = workers.filter((url) => /\/assets\/lightClient\.worker-[\w-]+\.js$/.test(url))
  expect(lightClientWorkers).toHaveLength(1)
  // index.html started it: its script was requested, and the page made no second worker.
  expect(requested).toContain('/startLightClientWorker.js')
}, 180_000)
