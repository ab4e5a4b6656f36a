// Issue 13 in Chromium: the app outlives its gateway. Opened from the subdomain gateway, the
// service worker verifies every block of the CID and takes control; with the gateway and the devnet
// stopped, a reload still opens the app (from Cache Storage). A gateway that flips a byte in one
// JS file is refused and an honest one used; with only the tamperer, the app says the copy cannot
// be verified and, once the worker is in charge, does not start; a gateway with no trustless
// responses (an outage of verification, not a lie) still serves the app, marked not verified.
import { createHash } from 'node:crypto'
import { request } from 'node:http'
import type { Server } from 'node:http'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest'
import { parseUnits } from 'viem'
import { deployContract } from '../../scripts/contracts/deployContract.ts'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { startTamperingGateway } from '../helpers/trustlessGateways.ts'
import { type ServedApp, buildAppOnce, serveApp } from './serveApp.ts'
import { watchAddress } from './harness.ts'

const shots = '.scratch/screenshots'
let devnet: Devnet
let app: ServedApp
const browsers: TestBrowser[] = []
const servers: Server[] = []
/** The first 200 bytes of a lazily loaded JS file (not needed to show Welcome), to find it in any body. */
let marker: Buffer
let tampered: { name: string; sha256: string }
let stopped = false
/** An ERC-20 held by the watched account (dev account 0 deploys it and gets the supply). */
let token: `0x${string}`
const tokenSupply = parseUnits('1234.5', 6)

beforeAll(async () => {
  ;[devnet, app] = await Promise.all([startTestDevnet(), serveApp(), mkdir(shots, { recursive: true })]) as [Devnet, ServedApp, unknown]
  token = (await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestTokens.sol', contract: 'TestToken', args: ['Offline Token', 'OFT', 6, tokenSupply] })).address
  const built = await buildAppOnce()
  const name = (await readdir(join(built, 'assets'))).find((f) => /^createVerifiedEvm-.*\.js$/.test(f))
  if (!name) throw new Error('no createVerifiedEvm chunk in the build')
  const bytes = await readFile(join(built, 'assets', name))
  marker = bytes.subarray(0, 200)
  tampered = { name, sha256: createHash('sha256').update(bytes).digest('hex') }
}, 300_000)

afterAll(async () => {
  for (const b of browsers) await b.close()
  for (const s of servers) s.close()
  if (!stopped) await Promise.all([app?.close(), devnet?.stop()])
})

async function newBrowser(): Promise<{ browser: TestBrowser; page: Page }> {
  const browser = await launchBrowser()
  browsers.push(browser)
  const page = await browser.newPage()
  onTestFailed(async () => {
    console.error('page text:\n', await page.locator('body').innerText().catch(() => '?'), '\nbrowser errors:\n', browser.errors.join('\n'))
    await page.screenshot({ path: `${shots}/offline-failure.png`, fullPage: true }).catch(() => undefined)
  })
  return { browser, page }
}

/**
 * A gateway in front of `port` that flips one byte (or, with `trustless: false`, serves files but no CAR or raw block) of the marked JS file wherever it passes: in the
 * file itself and inside CARs and raw blocks. Host headers pass through, so it serves subdomains too.
 */
/**
 * The worker's files the tampering proxy also serves with one byte more, as a gateway swapping the
 * worker would: sw.js, or a chunk sw.js imports (a module worker: the browser's update check
 * compares those too).
 */
let swapWorker: RegExp | undefined

function tamperingProxy(port: number, { trustless = true }: { trustless?: boolean } = {}): Promise<number> {
  const isWorker = (path: string) => !!swapWorker?.test(path)
  return startTamperingGateway(servers, {
    port,
    refuse: (path) => (!trustless && /format=(car|raw)/.test(path) ? { status: 501, body: 'no trustless responses here\n' } : undefined),
    // A swapped worker is a new file: no 304 for the browser's conditional update check.
    dropHeaders: (path) => (isWorker(path) ? ['if-none-match'] : []),
    tamper: (body, path) => {
      const at = body.indexOf(marker)
      if (at >= 0) body[at + 100] ^= 0x01
      return isWorker(path) ? Buffer.concat([body, Buffer.from('\n')]) : body
    },
  })
}

const withPort = (url: string, port: number) => url.replace(/:\d+\//, `:${port}/`)

async function openAbout(page: Page) {
  await page.goto(`${page.url().split('#')[0]}#/about`)
  await page.getByRole('heading', { name: 'About this copy' }).waitFor({ timeout: 30_000 })
}

/** Waits until the copy's check ends in `state`, and the worker controls the page. */
async function copyState(page: Page, state: 'verified' | 'failed') {
  await expect.poll(() => page.getByTestId('copy-verified').getAttribute('data-state'), { timeout: 90_000, interval: 250 }).toBe(state)
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000, interval: 250 }).toBe(true)
}

it('opens from the subdomain gateway, keeps a verified copy, and opens again with the gateway and the devnet stopped', async () => {
  const { page } = await newBrowser()
  const query = new URLSearchParams({ network: 'devnet', checkpoint: devnet.checkpointRoot, beacon: devnet.beaconUrl, rpc: devnet.rpcUrl })
  await page.goto(`${app.subdomainUrl}#/connect?${query}`)
  const welcome = page.getByRole('heading', { name: 'Welcome to Latchkey' })
  const confirm = page.getByRole('button', { name: /^(Confirm|Add|Connect|Trust|Use)\b/ })
  await welcome.or(confirm).first().waitFor({ timeout: 30_000 })
  if (!(await welcome.isVisible())) await confirm.first().click()
  await welcome.waitFor({ timeout: 30_000 })
  await watchAddress(page, devnet.accounts[0])
  const balance = page.locator('[data-verified-balance]').first()
  await balance.waitFor({ timeout: 60_000 })
  // The value at the synced head: the first one may be the checkpoint block's, from before the
  // token's deployment (dev account 0 paid its gas), and later heads replace it in the store.
  await expect.poll(() => page.getByRole('group', { name: 'ETH balance' }).getAttribute('data-freshness'), { timeout: 60_000, interval: 250 }).toBe('current')
  const verifiedValue = await balance.getAttribute('data-verified-balance')
  const verifiedBlock = BigInt((await balance.getAttribute('data-block')) ?? '0')
  // A token too: its verified balance is kept as well.
  await page.getByLabel('Token contract address').fill(token)
  await page.getByRole('button', { name: 'Add token' }).click()
  const oft = page.getByRole('group', { name: 'OFT balance' })
  await oft.getByTestId('balance-value').filter({ hasText: /^1,234\.5 OFT$/ }).waitFor({ timeout: 30_000 })
  await expect.poll(() => oft.getAttribute('data-state'), { timeout: 30_000 }).toBe('verified')

  await openAbout(page)
  await copyState(page, 'verified')
  // This first page came from the gateway before the worker ran: trust on first use, said so.
  await expect(page.getByTestId('copy-verified').getAttribute('data-running-verified')).resolves.toBe('false')
  await expect(page.getByTestId('copy-sources').textContent()).resolves.toContain(new URL(app.subdomainUrl).host)

  stopped = true
  await Promise.all([app.close(), devnet.stop()])
  // Nothing from the HTTP cache (the gateway's answers are immutable): the reload is the worker's.
  await (await page.context().newCDPSession(page)).send('Network.clearBrowserCache')
  await page.reload()
  await page.getByRole('heading', { name: 'About this copy' }).waitFor({ timeout: 30_000 })
  // Served by the worker, every file from its verified copy.
  await expect.poll(() => page.getByTestId('copy-verified').getAttribute('data-running-verified'), { timeout: 30_000 }).toBe('true')
  await expect(page.getByTestId('copy-verified').textContent()).resolves.toMatch(/^\s*Yes: every file of this running copy was checked block by block against the CID/)
  await page.getByRole('link', { name: 'Home' }).first().click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
  // The wallet is there (the watched account); chain data waits for an endpoint that answers.
  await page.getByText(devnet.accounts[0]).first().waitFor({ timeout: 30_000 })
  // The last verified balance, from the earlier visit, with its block and age, marked stale: never as verified now.
  const last = page.getByRole('group', { name: 'ETH balance' })
  await expect.poll(() => last.getAttribute('data-last-verified-balance'), { timeout: 30_000, interval: 250 }).toBe(verifiedValue)
  const lastBlock = BigInt((await last.getAttribute('data-last-block')) ?? '0')
  expect(lastBlock).toBeGreaterThanOrEqual(verifiedBlock)
  await expect(last.getAttribute('data-freshness')).resolves.toBe('stale')
  await expect(last.getAttribute('data-verified-balance')).resolves.toBeNull()
  await expect(last.getByTestId('balance-status').textContent()).resolves.toMatch(new RegExp(`last verified at block ${lastBlock}, .* ago`, 'i'))
  await expect(page.locator('[data-verified-balance]').count()).resolves.toBe(0)
  const lastToken = page.getByRole('group', { name: 'OFT balance' })
  await expect.poll(() => lastToken.getAttribute('data-last-verified-balance'), { timeout: 30_000, interval: 250 }).toBe(tokenSupply.toString())
  await expect(lastToken.getAttribute('data-freshness')).resolves.toBe('stale')
  await expect(lastToken.getByTestId('balance-status').textContent()).resolves.toMatch(/last verified at block \d+, .* ago/i)
  await expect(lastToken.getAttribute('data-state')).resolves.not.toBe('verified')
  await page.screenshot({ path: `${shots}/offline-home.png`, fullPage: true })
}, 300_000)

it('a gateway flipping a byte in one JS file is refused and an honest one is used; with only the tamperer the copy cannot be verified', async () => {
  const honest = await serveApp()
  try {
    const proxyPort = await tamperingProxy(Number(new URL(honest.pathUrl).port))
    const tamperedUrl = withPort(honest.subdomainUrl, proxyPort)

    // Only the tamperer: the check fails naming it, the page says so, and a reload does not start the app.
    const alone = await newBrowser()
    await alone.page.goto(`${tamperedUrl}#/about`)
    await copyState(alone.page, 'failed')
    await alone.page.getByTestId('copy-unverified').waitFor()
    await expect(alone.page.getByTestId('copy-liars').textContent()).resolves.toContain(`:${proxyPort}`)
    await alone.page.reload()
    await alone.page.getByTestId('copy-refused').waitFor({ timeout: 30_000 })
    await expect(alone.page.getByTestId('copy-refused').textContent()).resolves.toBe('This copy of Latchkey cannot be verified')
    // Its stylesheet applies under its own strict policy (a nonce, no 'unsafe-inline').
    await expect(alone.page.evaluate(() => getComputedStyle(document.body).maxWidth)).resolves.toBe('704px')

    // The tamperer plus an honest gateway (added by the user): refused, and the honest one completes the copy.
    const both = await newBrowser()
    await both.page.goto(`${tamperedUrl}#/about`)
    await copyState(both.page, 'failed')
    await both.page.getByTestId('copy-gateways-input').fill(new URL(honest.pathUrl).origin)
    await both.page.getByRole('button', { name: 'Save and check again' }).click()
    await copyState(both.page, 'verified')
    await expect(both.page.getByTestId('copy-liars').textContent()).resolves.toContain(`:${proxyPort}`)
    await expect(both.page.getByTestId('copy-sources').textContent()).resolves.toContain(new URL(honest.pathUrl).host)
    await both.page.reload()
    await both.page.getByRole('heading', { name: 'About this copy' }).waitFor({ timeout: 30_000 })
    await expect.poll(() => both.page.getByTestId('copy-verified').getAttribute('data-running-verified'), { timeout: 30_000 }).toBe('true')
    // The file the tamperer changes comes with its true bytes (the tamperer's own answer differs).
    const digest = async (url: string) => both.page.evaluate(async (u) => {
      const bytes = await (await fetch(u, { cache: 'no-store' })).arrayBuffer()
      return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('')
    }, url)
    expect(await digest(`./assets/${tampered.name}`)).toBe(tampered.sha256)
    const direct = await new Promise<Buffer>((resolve, reject) => {
      const host = new URL(tamperedUrl).host
      request({ host: '127.0.0.1', port: proxyPort, path: `/assets/${tampered.name}`, headers: { host } }, (res) => {
        const parts: Buffer[] = []
        res.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject)
      }).on('error', reject).end()
    })
    expect(createHash('sha256').update(direct).digest('hex')).not.toBe(tampered.sha256)

    // The tamperer then serves another copy of a chunk sw.js imports, sw.js itself unchanged. The
    // browser's update check compares imported scripts too; this Chromium then either installs a
    // new worker or fails to start it ("ServiceWorker cannot be started", most runs). Installed, it
    // is held waiting and the verified worker names that chunk; refused, nothing is installed.
    const sharedChunk = /\/assets\/sharedWithServiceWorker-[\w-]+\.js/
    swapWorker = sharedChunk
    // The check takes imported scripts from the HTTP cache (updateViaCache 'imports') until the
    // registration's last check is a day old, or until it is evicted: cleared here.
    const cdp = await both.page.context().newCDPSession(both.page)
    await cdp.send('Network.clearBrowserCache')
    const installed = await both.page.evaluate(async () => (await navigator.serviceWorker.ready).update().then(() => true, () => false))
    const replaced = both.page.getByTestId('copy-worker-replaced')
    const evidence = both.page.getByTestId('copy-worker-evidence')
    if (installed) {
      await expect.poll(() => evidence.textContent().catch(() => ''), { timeout: 30_000, interval: 250 }).toMatch(/serves assets\/sharedWithServiceWorker-[\w-]+\.js with SHA-256 [0-9a-f]{16}….*is [0-9a-f]{16}…/)
      await expect.poll(() => replaced.getAttribute('data-waiting'), { timeout: 30_000, interval: 250 }).toBe('true')
      const [chunkServed, chunkVerified] = (await evidence.textContent())!.match(/[0-9a-f]{16}/g)!
      expect(chunkServed).not.toBe(chunkVerified)
    } else {
      await expect(both.page.evaluate(async () => { const r = await navigator.serviceWorker.ready; return !r.installing && !r.waiting })).resolves.toBe(true)
    }
    // Then another sw.js: the browser's update check installs it, the page says what that means.
    swapWorker = /^\/sw\.js/
    await cdp.send('Network.clearBrowserCache')
    await both.page.evaluate(async () => (await navigator.serviceWorker.ready).update())
    await replaced.waitFor({ timeout: 30_000 })
    // The verified worker names sw.js and both digests, and the newcomer is held waiting: it never takes over while the verified one serves.
    await expect.poll(() => evidence.textContent().catch(() => ''), { timeout: 30_000, interval: 250 }).toMatch(/serves sw\.js with SHA-256 [0-9a-f]{16}….*is [0-9a-f]{16}…/)
    await expect.poll(() => replaced.getAttribute('data-waiting'), { timeout: 30_000, interval: 250 }).toBe('true')
    const [served, verified] = (await evidence.textContent())!.match(/[0-9a-f]{16}/g)!
    expect(served).not.toBe(verified)
    await both.page.reload()
    await both.page.getByRole('heading', { name: 'About this copy' }).waitFor({ timeout: 30_000 })
    // Still the verified copy, and still told: the evidence is kept.
    await expect.poll(() => both.page.getByTestId('copy-verified').getAttribute('data-running-verified'), { timeout: 30_000 }).toBe('true')
    await both.page.getByTestId('copy-worker-replaced').waitFor({ timeout: 30_000 })
    await expect(both.page.evaluate(async () => { const r = await navigator.serviceWorker.ready; return !!r.waiting && r.waiting !== r.active })).resolves.toBe(true)
    swapWorker = undefined

    // A gateway that serves the files but no CAR or raw block: an outage of verification, not a lie.
    // The app still runs from that gateway as it would with no worker (trust on first use), and says it is not verified.
    const plainUrl = withPort(honest.subdomainUrl, await tamperingProxy(Number(new URL(honest.pathUrl).port), { trustless: false }))
    const plain = await newBrowser()
    await plain.page.goto(`${plainUrl}#/about`)
    await copyState(plain.page, 'failed')
    await expect(plain.page.getByTestId('copy-unverified').count()).resolves.toBe(0)
    await plain.page.reload()
    await plain.page.getByRole('heading', { name: 'About this copy' }).waitFor({ timeout: 30_000 })
    await expect.poll(() => plain.page.getByTestId('copy-verified').textContent(), { timeout: 30_000 }).toMatch(/No gateway delivered the copy yet/)
  } finally {
    await honest.close()
  }
}, 300_000)
