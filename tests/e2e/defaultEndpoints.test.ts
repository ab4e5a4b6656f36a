import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { type DefaultEndpointsOverDevnet, forgeFinalizedRoot, startDefaultEndpointsOverDevnet } from '../helpers/defaultEndpointsOverDevnet.ts'
import { dumpOnFailure, shot, useE2e } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

// Mainnet as a new user meets it: no link, no settings, the build's default beacon APIs and RPCs
// under their real host names. Chromium's resolver maps every one of those names to a local TLS
// server (certificate made now) that forwards, through a fault proxy per endpoint, to the
// mainnet-shaped devnet (mainnet's genesis, fork schedule and validators root, chain id 1).
const e2e = useE2e({ devnets: [{ like: 'mainnet', periods: 1 }], browser: false })
let devnet: Devnet
let app: ServedApp
let endpoints: DefaultEndpointsOverDevnet
let beaconUrls: string[]
let rpcUrls: string[]
const browsers: TestBrowser[] = []

beforeAll(async () => {
  ;({ devnet, app } = e2e)
  endpoints = await startDefaultEndpointsOverDevnet({ devnet })
  ;({ beaconUrls, rpcUrls } = endpoints)
})

afterAll(async () => {
  for (const b of browsers) await b.close()
  await endpoints?.close()
})

/** A fresh profile (no saved light-client state) that resolves the default host names to the local TLS server. */
async function openApp(name: string, { savedSettings }: { savedSettings?: unknown } = {}): Promise<Page> {
  const browser = await launchBrowser({ args: [endpoints.router.chromiumArg], ignoreHTTPSErrors: true })
  browsers.push(browser)
  const page = await browser.newPage()
  // Settings as an older version left them, in place before the app first loads.
  if (savedSettings) await page.addInitScript((json) => { if (!localStorage.getItem('latchkey.settings.v1')) localStorage.setItem('latchkey.settings.v1', json) }, JSON.stringify(savedSettings))
  dumpOnFailure(page, browser, name)
  await page.goto(app.subdomainUrl)
  return page
}

async function watch(page: Page, address: string) {
  await page.getByRole('link', { name: 'Watch an address' }).first().click()
  await page.getByLabel('Address to watch (0x…)').fill(address)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
}

const balanceBlock = async (page: Page) => Number((await page.locator('[data-verified-balance]').getAttribute('data-block', { timeout: 1_000 }).catch(() => null)) ?? -1)
const optimisticBlock = async (page: Page) => Number(/block (\d+)/.exec((await page.getByTestId('optimistic-slot').textContent()) ?? '')?.[1] ?? -1)
const hostOf = (url: string) => new URL(url).host

/** Anvil's own balance at a block: what the verified value must equal. */
async function anvilBalance(address: string, block: number): Promise<bigint> {
  const res = await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [address, `0x${block.toString(16)}`] }) })
  return BigInt(((await res.json()) as { result: string }).result)
}

/** Waits until the light client is synced, then for a balance verified at (or past) that synced head. */
async function verifiedAtHead(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Network & trust' }).first().click()
  await expect.poll(() => page.getByTestId('lc-status').textContent(), { timeout: 90_000, interval: 500 }).toBe('synced')
  const head = await optimisticBlock(page)
  expect(head).toBeGreaterThan(0)
  await page.getByRole('link', { name: 'Home' }).first().click()
  await expect.poll(() => balanceBlock(page), { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(head)
  return balanceBlock(page)
}

describe('mainnet with the default endpoints, under their real host names', () => {
  it('opens with no link, watches an address and shows a balance verified at the head from a checkpoint the default beacon APIs agreed on', async () => {
    const page = await openApp('defaults')
    const address = devnet.accounts[3]
    await watch(page, address)
    await expect(page.getByTestId('network-name').textContent()).resolves.toBe('Ethereum mainnet')
    const block = await verifiedAtHead(page)
    const shown = await page.locator('[data-verified-balance]').getAttribute('data-verified-balance')
    expect(BigInt(shown!)).toBe(await anvilBalance(address, block))
    expect(BigInt(shown!)).toBe(10_000n * 10n ** 18n)

    // Where the checkpoint came from: the agreement of every default beacon API, not a shipped or linked root.
    await page.getByRole('link', { name: 'Network & trust' }).first().click()
    const source = page.getByTestId('checkpoint-source')
    await expect(source.getAttribute('data-source')).resolves.toBe('agreed')
    const text = (await source.textContent()) ?? ''
    for (const url of beaconUrls) expect(text).toContain(hostOf(url))
    const root = (await source.getAttribute('data-root'))!
    // A finalized block of the devnet's own chain (the devnet answers only for its blocks).
    const header = await fetch(`${devnet.beaconUrl}/eth/v1/beacon/headers/${root}`)
    expect(header.status).toBe(200)
    expect(root).not.toBe(devnet.checkpointRoot)
    // Every default beacon API was asked for its finalized root, each under its real name and path.
    for (const url of beaconUrls) expect(endpoints.router.log.some((r) => r.route === url && r.path === '/eth/v1/beacon/headers/finalized')).toBe(true)
    expect(endpoints.router.log.some((r) => r.route === rpcUrls[0] && r.method === 'POST')).toBe(true)

    // The lists in use are the defaults, marked so; an edit makes them the user's, and Reset puts the defaults back.
    const lists = page.getByTestId('endpoint-list')
    await expect(lists.nth(0).getAttribute('data-default')).resolves.toBe('true')
    await expect(lists.nth(1).getAttribute('data-default')).resolves.toBe('true')
    await expect(lists.nth(1).locator('[data-testid="endpoint"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-url')))).resolves.toEqual(rpcUrls)
    await expect(lists.nth(1).getByTestId('endpoint-default').count()).resolves.toBe(rpcUrls.length)
    await shot(page, `default-endpoints`)
    await page.getByRole('button', { name: `Remove ${rpcUrls[1]}` }).click()
    await expect.poll(() => lists.nth(1).getAttribute('data-default')).toBe('false')
    await expect(lists.nth(1).getByTestId('endpoint-default').count()).resolves.toBe(0)
    await page.reload()
    await expect.poll(() => lists.nth(1).locator('[data-testid="endpoint"]').count()).toBe(rpcUrls.length - 1)
    await page.getByRole('button', { name: 'Reset Execution RPCs to defaults' }).click()
    await expect.poll(() => lists.nth(1).getAttribute('data-default')).toBe('true')
    await expect(lists.nth(1).locator('[data-testid="endpoint"]').count()).resolves.toBe(rpcUrls.length)
  }, 240_000)

  it('takes no checkpoint when one default beacon API names another finalized root, says what to do, and syncs from the root the user pastes', async () => {
    // One host forges its finalized header (another state root, the root recomputed to match): a consistent lie.
    const liar = endpoints.proxies.get(beaconUrls[2])!
    liar.setRules([{ match: /^\/eth\/v1\/beacon\/headers\/finalized$/, fault: { kind: 'tamper', transform: forgeFinalizedRoot } }])
    // Reads must also work through the one default RPC whose URL carries a path (1rpc.io/eth).
    const withPath = rpcUrls.find((u) => new URL(u).pathname.length > 1)!
    for (const url of rpcUrls) if (url !== withPath) endpoints.proxies.get(url)!.kill()

    // This profile starts from settings an older version saved: built-ins with empty endpoint lists.
    const builtIn = (id: string, name: string, chainId: number) => ({ id, name, kind: 'public', chainId, beaconApis: [], rpcs: [] })
    const page = await openApp('conflict', { savedSettings: {
      version: 1, networkId: 'mainnet', autoLockMinutes: 15, acceptedSharedOriginRisk: false,
      networks: [builtIn('mainnet', 'Ethereum mainnet', 1), builtIn('sepolia', 'Sepolia', 11155111), builtIn('hoodi', 'Hoodi', 560048)],
    } })
    await watch(page, devnet.accounts[4])
    const banner = page.getByTestId('sync-banner')
    await expect.poll(() => banner.textContent(), { timeout: 60_000, interval: 500 }).toContain('disagree on the finalized block root')
    await expect(page.getByTestId('sync-advice').textContent()).resolves.toMatch(/Paste a finalized block root from a source you trust/)
    await expect(page.locator('[data-verified-balance]').count()).resolves.toBe(0)
    // The advice's own link (the sync pill's label names Network & trust too).
    await page.getByTestId('sync-advice').getByRole('link', { name: 'Open Network & trust' }).click()
    await expect(page.getByTestId('lc-status').textContent()).resolves.toBe('error')
    await expect(page.getByTestId('checkpoint-source').count()).resolves.toBe(0)
    // The older settings picked up the defaults.
    const lists = page.getByTestId('endpoint-list')
    for (const [i, urls] of [beaconUrls, rpcUrls].entries()) {
      await expect(lists.nth(i).getAttribute('data-default')).resolves.toBe('true')
      await expect(lists.nth(i).locator('[data-testid="endpoint"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-url')))).resolves.toEqual(urls)
    }
    const needed = (await page.getByTestId('checkpoint-needed').textContent()) ?? ''
    // Both sides are named, each with its hosts.
    for (const url of beaconUrls) expect(needed).toContain(hostOf(url))
    expect(needed).toMatch(/remove the beacon API you do not trust/)
    await shot(page, `checkpoint-conflict`)

    // The way forward: the user pastes a root from a source they trust (here: the devnet itself).
    const trusted = ((await (await fetch(`${devnet.beaconUrl}/eth/v1/beacon/headers/finalized`)).json()) as { data: { root: string } }).data.root
    await page.getByLabel('Checkpoint block root').fill(trusted)
    await page.getByRole('button', { name: 'Use this checkpoint' }).click()
    await expect.poll(() => page.getByTestId('checkpoint-source').getAttribute('data-source', { timeout: 1_000 }).catch(() => null), { timeout: 60_000 }).toBe('user')
    const block = await verifiedAtHead(page)
    expect(BigInt((await page.locator('[data-verified-balance]').getAttribute('data-verified-balance'))!)).toBe(await anvilBalance(devnet.accounts[4], block))
    expect(endpoints.router.log.some((r) => r.route === withPath && r.method === 'POST' && r.path === '/')).toBe(true)
    liar.clear()
    for (const url of rpcUrls) endpoints.proxies.get(url)!.revive()
  }, 240_000)
})
