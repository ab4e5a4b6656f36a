import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createProfileDir, launchChromium } from '../../../scripts/bench/launchChromium.ts'
import { serveStatic } from '../../../scripts/bench/serveStatic.ts'
import { MILESTONES_REACHED_SCRIPT, type Milestones, OBSERVE_MILESTONES_SCRIPT, READ_MILESTONES_SCRIPT } from '../../../scripts/bench/observeMilestones.ts'

let profile: string
let context: BrowserContext
let page: Page

beforeAll(async () => {
  profile = await createProfileDir()
  context = await launchChromium({ profile })
  await context.addInitScript(OBSERVE_MILESTONES_SCRIPT)
  page = await context.newPage()
})

afterAll(async () => {
  await context?.close()
  if (profile) await rm(profile, { recursive: true, force: true })
})

const read = async () => (await page.evaluate(READ_MILESTONES_SCRIPT)) as Milestones
const run = (js: string) => page.evaluate(js)

it('stamps sync and balance from the data markers, and does not count a balance proven before the sync as the synced one', async () => {
  await page.goto('data:text/html,<p>app</p><a data-sync-status="bootstrapping">x</a><div id="b"></div>')
  // The paint entry is recorded asynchronously after navigation: wait for it.
  await expect.poll(async () => (await read()).firstContentfulPaint, { timeout: 10_000 }).toEqual(expect.any(Number))
  const start = await read()
  // No script files on a data: page.
  expect(start.scriptsLoaded).toBeUndefined()
  expect([start.synced, start.verifiedBalance]).toEqual([undefined, undefined])
  // A balance proven at the checkpoint-era head, while still syncing.
  await run(`document.getElementById('b').setAttribute('data-block', '1'); document.getElementById('b').setAttribute('data-verified-balance', '5')`)
  await run(`document.querySelector('[data-sync-status]').setAttribute('data-sync-status', 'syncing')`)
  const syncing = await read()
  expect(syncing).toMatchObject({ marker: 'data-attributes', verifiedBlock: '1', syncing: expect.any(Number) })
  expect([syncing.synced, syncing.headBalance]).toEqual([undefined, undefined])
  expect(await page.evaluate(MILESTONES_REACHED_SCRIPT)).toBe(false)
  await run(`document.querySelector('[data-sync-status]').setAttribute('data-sync-status', 'synced')`)
  // Still the old proof: not the synced balance.
  expect((await read()).headBalance).toBeUndefined()
  await run(`document.getElementById('b').setAttribute('data-block', '40')`)
  const seen = await read()
  expect(seen).toMatchObject({ headBlock: '40', verifiedBlock: '1' })
  expect(seen.verifiedBalance!).toBeLessThanOrEqual(seen.synced!)
  expect(seen.synced!).toBeLessThanOrEqual(seen.headBalance!)
  expect(await page.evaluate(MILESTONES_REACHED_SCRIPT)).toBe(true)
})

it('with data-head-block, counts a balance exactly when it is at the synced head, proven before the status changed or not', async () => {
  // Proven at the head the sync then ends on, shown while still syncing: the synced balance from the moment of the sync.
  await page.goto('data:text/html,<a data-sync-status="syncing" data-head-block="40">x</a><div id="b"></div>')
  await run(`document.getElementById('b').setAttribute('data-block', '40'); document.getElementById('b').setAttribute('data-verified-balance', '5')`)
  expect((await read()).headBalance).toBeUndefined()
  await run(`document.querySelector('[data-sync-status]').setAttribute('data-sync-status', 'synced')`)
  const same = await read()
  expect(same).toMatchObject({ headBlock: '40', headBalance: same.synced })
  // Proven at an older head and shown only after the sync (the head moved on): not the synced balance.
  await page.goto('data:text/html,<a data-sync-status="syncing" data-head-block="39">x</a><div id="b"></div>')
  await run(`document.querySelector('[data-sync-status]').setAttribute('data-head-block', '41'); document.querySelector('[data-sync-status]').setAttribute('data-sync-status', 'synced')`)
  await run(`document.getElementById('b').setAttribute('data-block', '39'); document.getElementById('b').setAttribute('data-verified-balance', '5')`)
  const older = await read()
  expect([older.verifiedBlock, older.headBalance]).toEqual(['39', undefined])
  await run(`document.getElementById('b').setAttribute('data-block', '41')`)
  expect(await read()).toMatchObject({ headBlock: '41', headBalance: expect.any(Number) })
})

it('falls back to the e2e selectors when the build has no data markers', async () => {
  await page.goto('data:text/html,<span data-testid="network-name">devnet</span><div data-testid="sync-banner">catching up</div><span data-testid="balance-status">Syncing: not verified yet</span>')
  expect((await read()).synced).toBeUndefined()
  await run(`document.querySelector('[data-testid="sync-banner"]').remove()`)
  await run(`document.querySelector('[data-testid="balance-status"]').textContent = 'Verified at block 12 / slot 99'`)
  expect(await read()).toMatchObject({ marker: 'test-ids', synced: expect.any(Number), headBlock: '12' })
})

it("reports when the last of the page's own .js files arrived, lazy ones included", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'latchkey-bench-page-'))
  await writeFile(join(dir, 'index.html'), '<p>x</p><script type="module" src="./main.js"></script>')
  await writeFile(join(dir, 'main.js'), 'setTimeout(() => import("./lazy.js"), 300)')
  await writeFile(join(dir, 'lazy.js'), 'document.body.dataset.lazy = "yes"')
  const server = await serveStatic({ dir })
  try {
    await page.goto(`${server.url}index.html`)
    await page.locator('body[data-lazy="yes"]').waitFor()
    const seen = await read()
    // The lazy file came at least 300 ms after the entry was parsed.
    expect(seen.scriptsLoaded!).toBeGreaterThan(300)
  } finally {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  }
})
