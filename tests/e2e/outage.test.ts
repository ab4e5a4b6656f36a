import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import type { TestBrowser } from '../helpers/browser.ts'
import { type FaultProxy, flipHexByte, startFaultProxy, tamperJson } from '../helpers/faultProxy.ts'
import { confirmConnectLink } from './confirmConnectLink.ts'
import { dumpOnFailure, shot, useE2e, watchAddress } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

const e2e = useE2e({ browser: { viewport: { width: 390, height: 844 } } })
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let page: Page
let beacons: FaultProxy[]
let rpcs: FaultProxy[]

beforeAll(async () => {
  ;({ devnet, app, browser, page } = e2e)
  beacons = await Promise.all([0, 1, 2].map(() => startFaultProxy({ target: devnet.beaconUrl })))
  rpcs = await Promise.all([0, 1, 2].map(() => startFaultProxy({ target: devnet.rpcUrl })))
})

afterAll(async () => {
  await Promise.all([...(beacons ?? []), ...(rpcs ?? [])].map((p) => p.close()))
})

const blockOf = (text: string | null) => Number(/block (\d+)/.exec(text ?? '')?.[1] ?? -1)

/** Waits until the balance is verified at a block above `after`. */
async function verifiedAbove(after: number): Promise<number> {
  const status = page.getByTestId('balance-status')
  for (let i = 0; i < 120; i++) {
    const text = await status.textContent()
    if (text?.startsWith('Verified at block') && blockOf(text) > after) return blockOf(text)
    await page.waitForTimeout(250)
  }
  throw new Error(`balance not verified above block ${after}: ${await status.textContent()}`)
}

it('syncs in the browser from the checkpoint, survives dead endpoints and shows lying ones as faulty', async () => {
  dumpOnFailure(page, browser, 'outage')
  const query = new URLSearchParams({ network: 'devnet', checkpoint: devnet.checkpointRoot })
  for (const b of beacons) query.append('beacon', b.url)
  for (const r of rpcs) query.append('rpc', r.url)
  await confirmConnectLink(page, `${app.subdomainUrl}#/connect?${query}`)

  // Watch the funded dev account (no vault, no password): the light client syncs from the devnet checkpoint.
  await watchAddress(page, devnet.accounts[0])
  const first = await verifiedAbove(0)
  await page.getByRole('link', { name: 'Network & trust' }).first().click()
  // A head can be verified (and a balance with it) a round before the client calls itself synced.
  await expect.poll(() => page.getByTestId('lc-status').textContent(), { timeout: 30_000 }).toBe('synced')
  await expect(page.getByTestId('lc-runs-in').textContent()).resolves.toBe('a background worker')
  const period = Number(await page.getByTestId('period').textContent())
  expect(period).toBeGreaterThan(Math.floor(devnet.checkpointSlot / 8192))
  await shot(page, `network-phone`)

  // Outage: one beacon API and one RPC die mid-session.
  beacons[0].kill()
  rpcs[0].kill()
  // Lies: one beacon API tampers with the committee signature, one RPC with account proofs.
  beacons[1].setRules([{ match: /light_client\/optimistic_update/, fault: { kind: 'tamper', transform: tamperJson((u) => {
    u.data.sync_aggregate.sync_committee_signature = flipHexByte(u.data.sync_aggregate.sync_committee_signature, 40)
  }) } }])
  rpcs[1].setRules([{ match: ({ requestBody }) => requestBody.includes('eth_getProof'), fault: { kind: 'tamper', transform: tamperJson((json) => {
    for (const answer of Array.isArray(json) ? json : [json]) if (answer.result?.balance) answer.result.balance = '0x1'
  }) } }])

  await page.getByRole('link', { name: 'Home' }).click()
  const later = await verifiedAbove(first + 2)
  await verifiedAbove(later)
  // The verified figure is anvil's balance at the block it names, never the tampered 1 wei.
  const shown = page.locator('[data-verified-balance]')
  // Both attributes read in one evaluation, so they belong to the same verified figure.
  const [wei, block] = await shown.evaluate((el) => [el.getAttribute('data-verified-balance'), el.getAttribute('data-block')])
  const anvil = await fetch(devnet.rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [devnet.accounts[0], `0x${Number(block).toString(16)}`] }),
  })
  expect(BigInt(wei!)).toBe(BigInt(((await anvil.json()) as { result: string }).result))
  expect(BigInt(wei!)).not.toBe(1n)
  // The banner names each liar by host, with what it got wrong.
  const liar = (url: string) => page.locator(`[data-testid="liar"][data-url="${url}"]`)
  await expect.poll(() => liar(rpcs[1].url).textContent(), { timeout: 20_000 })
    .toBe(`The RPC at ${new URL(rpcs[1].url).host} served false data: The provider's balance for ${devnet.accounts[0]} does not match the proof (it claimed 1 wei; the proof says ${BigInt(wei!)} wei).`)
  await expect.poll(() => liar(beacons[1].url).textContent(), { timeout: 20_000 })
    .toMatch(new RegExp(`^The beacon API at ${new URL(beacons[1].url).host} served false data: The sync committee signature over slot \\d+ \\(signed at slot \\d+\\) does not verify\\.$`))

  await page.getByRole('link', { name: 'Network & trust' }).first().click()
  const health = (url: string) => page.locator(`[data-testid="endpoint"][data-url="${url}"] [data-testid="endpoint-health"]`)
  await expect.poll(() => health(beacons[0].url).textContent(), { timeout: 20_000 }).toBe('unreachable')
  await expect.poll(() => health(beacons[1].url).textContent(), { timeout: 20_000 }).toMatch(/^faulty/)
  await expect.poll(() => health(rpcs[1].url).textContent(), { timeout: 20_000 }).toMatch(/^faulty/)
  await expect(health(beacons[2].url).textContent()).resolves.toBe('healthy')
  await expect(health(rpcs[2].url).textContent()).resolves.toBe('healthy')
  await expect(page.getByTestId('lc-status').textContent()).resolves.toBe('synced')
  await shot(page, `network-faults`)

  // The honest RPC dies too: only the liar (no longer asked) and a dead one are left. Home says
  // which endpoint lied and what it got wrong, not viem's "An unknown RPC error occurred.".
  rpcs[2].kill()
  await page.getByRole('link', { name: 'Home' }).click()
  const status = page.getByTestId('balance-status')
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^\s*Verification failed \(last verified at block \d+/)
  const reason = await page.locator('[aria-label="ETH balance"] .age').last().textContent()
  expect(reason).toContain(`The RPC at ${new URL(rpcs[1].url).host} served false data: The provider's balance for ${devnet.accounts[0]} does not match the proof`)
  expect(reason).not.toContain('unknown RPC error')
  await shot(page, `home-liar`)
  // This tab's app would keep running (and saving settings) beside the next tests on the same origin.
  await page.goto('about:blank')
}, 150_000)

it('on a shared-origin path gateway watches an address with no vault, refuses keys until the risk is accepted, and runs the worker under /ipfs/<cid>/', async () => {
  const path = await browser.newPage()
  dumpOnFailure(path, browser, 'path-gateway')
  await path.goto(app.pathUrl)
  await path.getByRole('heading', { name: 'This copy is open on a shared origin' }).waitFor()
  await expect(path.getByTestId('subdomain-link').getAttribute('href')).resolves.toBe(app.subdomainUrl)
  await expect(path.getByRole('link', { name: 'Create a new wallet' }).count()).resolves.toBe(0)
  await expect(path.getByRole('link', { name: 'Watch an address' }).count()).resolves.toBe(1)
  // Keys are refused even when the import screen is opened by URL.
  await path.goto(`${app.pathUrl}#/import?kind=privateKey`)
  await path.getByTestId('keys-refused').waitFor()
  await expect(path.getByLabel('Private key (64 hex digits)').count()).resolves.toBe(0)

  // Watch with no password: the balance is verified by the light-client worker, loaded through relative paths under /ipfs/<cid>/.
  const query = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
  await confirmConnectLink(path, `${app.pathUrl}#/connect?${query}`)
  await path.getByRole('link', { name: 'Watch an address' }).click()
  await path.getByLabel('Address to watch (0x…)').fill(devnet.accounts[1])
  await expect(path.getByLabel("Password for this browser's vault").count()).resolves.toBe(0)
  await path.getByRole('button', { name: 'Import' }).click()
  await path.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  await path.locator('[data-verified-balance]').waitFor({ timeout: 45_000 })
  await expect(path.getByTestId('address').textContent()).resolves.toBe(devnet.accounts[1])
  await path.getByRole('link', { name: 'Network & trust' }).first().click()
  await expect(path.getByTestId('lc-runs-in').textContent()).resolves.toBe('a background worker')
  // Kept in plain settings, not a vault: after a reload, Home opens with no password asked.
  expect(await path.evaluate(() => localStorage.getItem('latchkey.settings.v1'))).toContain(devnet.accounts[1])
  await path.goto(`${app.pathUrl}#/home`)
  await path.reload()
  await path.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })

  // The explicit checkbox opens the vault choices.
  await path.goto(`${app.pathUrl}#/welcome`)
  await path.getByLabel(/I accept the risk/).check()
  await path.getByRole('link', { name: 'Create a new wallet' }).waitFor()
  await path.goto(`${app.pathUrl}#/import?kind=privateKey`)
  await path.getByLabel('Private key (64 hex digits)').waitFor()
  await path.goto(`${app.pathUrl}#/about`)
  await expect(path.getByTestId('cid').textContent()).resolves.toBe(app.cid)
  await path.close()
}, 60_000)

it('falls back to a light client on the page when no worker can start', async () => {
  const noWorker = await browser.newPage()
  dumpOnFailure(noWorker, browser, 'no-worker')
  await noWorker.addInitScript(() => Reflect.deleteProperty(globalThis, 'Worker'))
  // Same origin as the first test: the watched address (no vault) opens Home directly; the devnet
  // is set up already (behind the first test's proxies), so the review offers to update it.
  const query = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
  await expect(confirmConnectLink(noWorker, `${app.subdomainUrl}#/connect?${query}`)).resolves.toBe('Update devnet')
  await noWorker.goto(`${app.subdomainUrl}#/home`)
  await noWorker.locator('[data-verified-balance]').waitFor({ timeout: 45_000 })
  await noWorker.getByRole('link', { name: 'Network & trust' }).first().click()
  await expect(noWorker.getByTestId('lc-runs-in').textContent()).resolves.toBe('this page (no worker could start)')
  await noWorker.close()
}, 60_000)

it('an RPC that does not allow this origin (no CORS headers) is reported as blocked by the browser, with its host', async () => {
  // Answers everything (preflight included) with 200 but no Access-Control-Allow-Origin: the browser hides the answer.
  const corsless = await startFaultProxy({ target: devnet.rpcUrl })
  corsless.setRules([{ fault: { kind: 'respond', status: 200, body: '{}' } }])
  const tab = await browser.newPage()
  dumpOnFailure(tab, browser, 'cors')
  try {
    // Same origin as the first test: the watched address opens Home once the network is set.
    const query = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: corsless.url, checkpoint: devnet.checkpointRoot })
    await confirmConnectLink(tab, `${app.subdomainUrl}#/connect?${query}`)
    await tab.goto(`${app.subdomainUrl}#/home`)
    const reason = tab.locator('[aria-label="ETH balance"] .age').last()
    await expect.poll(() => reason.textContent().catch(() => ''), { timeout: 45_000 }).toContain(`The RPC at ${new URL(corsless.url).host} was blocked by the browser (CORS)`)
    await expect(tab.getByTestId('balance-status').textContent()).resolves.toMatch(/Verification failed/)
    await tab.getByRole('link', { name: 'Network & trust' }).first().click()
    const health = tab.locator(`[data-testid="endpoint"][data-url="${corsless.url}"] [data-testid="endpoint-health"]`)
    await expect.poll(() => health.textContent(), { timeout: 20_000 }).toBe('blocked by the browser (CORS)')
  } finally {
    await tab.close()
    await corsless.close()
  }
}, 60_000)
