import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { type Chain, defineChain } from 'viem'
import { afterAll, beforeAll, onTestFailed } from 'vitest'
import { devnetConnectQuery } from '../../scripts/devnet/connectQuery.ts'
import type { Devnet, DevnetParameters } from '../../scripts/devnet/startDevnet.ts'
import { type LaunchBrowserParameters, type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { type ServedApp, serveApp } from './serveApp.ts'

/** Where e2e runs leave their screenshots (the failure dumps included). */
export const SCREENSHOTS = '.scratch/screenshots'

export type E2eParameters = {
  /** Devnets to start, in order (default one with the test defaults; [] for none). */
  devnets?: DevnetParameters[]
  /** The shared browser's options; false when the file launches its own browsers. */
  browser?: LaunchBrowserParameters | false
  /** Whether to publish and serve the app (default true). */
  app?: boolean
}

export type E2e = {
  /** The first devnet. */
  readonly devnet: Devnet
  readonly devnets: Devnet[]
  readonly app: ServedApp
  readonly browser: TestBrowser
  /** The first tab of the shared browser (opened in beforeAll). */
  readonly page: Page
}

/**
 * One e2e file's world: devnets, the app published to a throwaway Helia node behind its gateway,
 * and Chromium, started together in beforeAll and stopped in afterAll. Start what a test needs
 * beyond that (a second gateway, a proxy) in the test itself.
 */
export function useE2e({ devnets: devnetParams = [{}], browser: browserParams = {}, app: withApp = true }: E2eParameters = {}): E2e {
  let devnets: Devnet[] = []
  let app: ServedApp | undefined
  let browser: TestBrowser | undefined
  let page: Page | undefined
  beforeAll(async () => {
    const started = Promise.all(devnetParams.map((p) => startTestDevnet(p)))
    const served = withApp ? serveApp() : Promise.resolve(undefined)
    const launched = browserParams === false ? Promise.resolve(undefined) : launchBrowser(browserParams)
    // Start everything, and stop what did start when one part fails (no servers left behind).
    const [d, a, b] = await Promise.allSettled([started, served, launched, mkdir(SCREENSHOTS, { recursive: true })])
    if (d.status === 'fulfilled') devnets = d.value
    if (a.status === 'fulfilled') app = a.value
    if (b.status === 'fulfilled') browser = b.value
    const failed = [d, a, b].find((r) => r.status === 'rejected')
    if (failed) throw (failed as PromiseRejectedResult).reason
    if (browser) page = await browser.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await Promise.all(devnets.map((d) => d.stop()))
  })
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e harness has no ${what} (not asked for, or beforeAll failed)`)
    return value
  }
  return {
    get devnet() {
      return need(devnets[0], 'devnet')
    },
    get devnets() {
      return devnets
    },
    get app() {
      return need(app, 'served app')
    },
    get browser() {
      return need(browser, 'browser')
    },
    get page() {
      return need(page, 'page')
    },
  }
}

/** A full-page screenshot in SCREENSHOTS. */
export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
}

/**
 * Call at the start of a test (or once its page exists): if the test fails, the page's text, the
 * browser's errors and a screenshot `<name>-failure.png` are left for the reader.
 */
export function dumpOnFailure(page: Page, browser: Pick<TestBrowser, 'errors'>, name: string): void {
  onTestFailed(async () => {
    console.error('page text:\n', await page.locator('body').innerText().catch(() => '?'), '\nbrowser errors:\n', browser.errors.join('\n'))
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-failure.png`, fullPage: true }).catch(() => undefined)
  })
}

/** The devnet as a viem chain, for the test's own (unverified) clients. */
export function devnetChain(devnet: Pick<Devnet, 'chainId' | 'rpcUrl'>): Chain {
  return defineChain({ id: devnet.chainId, name: 'devnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [devnet.rpcUrl] } } })
}

/** The `#/connect?…` link `npm start` prints, for this devnet. */
export function connectLink(app: Pick<ServedApp, 'subdomainUrl'>, devnet: Pick<Devnet, 'beaconUrl' | 'rpcUrl' | 'checkpointRoot' | 'contracts'>, network = 'devnet'): string {
  return `${app.subdomainUrl}#/connect?${devnetConnectQuery(devnet, network)}`
}

/** From Welcome: watches `address` (no keys, no vault password) and waits for Home. */
export async function watchAddress(page: Page, address: string): Promise<void> {
  await page.getByRole('link', { name: 'Watch an address' }).click()
  await page.getByLabel('Address to watch (0x…)').fill(address)
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 })
}

/**
 * Submits the Home screen's Add token form (its address already filled in) and waits until the
 * form says it was added; a refusal fails the test with the form's own words, not a timeout later.
 */
export async function addToken(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a token' })
  await form.getByRole('button', { name: 'Add token' }).click()
  const notice = form.getByTestId('token-notice')
  const refusal = form.getByRole('alert')
  await notice.or(refusal).first().waitFor({ timeout: 60_000 })
  if (await refusal.count() > 0) throw new Error(`Add token was refused: ${await refusal.textContent()}`)
}
