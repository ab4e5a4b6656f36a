// Chromium offers to install the app: its manifest parses without errors and nothing blocks
// installation; installed (CDP PWA.install, as the Install button does), it opens offline.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest'
import { type TestBrowser, launchBrowser } from '../helpers/browser.ts'
import { type ServedApp, serveApp } from './serveApp.ts'

let app: ServedApp
let browser: TestBrowser
let page: Page
let stopped = false

beforeAll(async () => {
  ;[app, browser] = await Promise.all([serveApp(), launchBrowser()])
  page = await browser.newPage()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  if (!stopped) await app?.close()
})

it('the subdomain copy is installable: a valid manifest with its icons, no installability errors', async () => {
  onTestFailed(() => console.error('browser errors:\n', browser.errors.join('\n')))
  await page.goto(app.subdomainUrl)
  await page.getByRole('heading', { name: 'Welcome to Latchkey' }).waitFor()
  const cdp = await page.context().newCDPSession(page)
  const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[]; data: string }
  expect(manifest.url).toBe(`${app.subdomainUrl}manifest.webmanifest`)
  expect(manifest.errors).toEqual([])
  expect(JSON.parse(manifest.data)).toMatchObject({ name: 'Latchkey', display: 'standalone' })
  // Chromium fetches the icons while it decides; poll, it answers "not yet checked" before that.
  let errors: { errorId: string }[] = []
  await expect.poll(async () => {
    errors = ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] }).installabilityErrors
    return errors.map((e) => e.errorId)
  }, { timeout: 60_000, interval: 250 }).toEqual([])
  // The icons are served from this CID, under the CSP (no console errors about them).
  const icons = await page.evaluate(async (names) => Promise.all(names.map(async (name) => {
    const res = await fetch(name)
    return `${name} ${res.status} ${res.headers.get('content-type')}`
  })), ['icon-192.png', 'icon-512.png', 'icon-maskable-512.png'])
  expect(icons).toEqual(['icon-192.png 200 image/png', 'icon-512.png 200 image/png', 'icon-maskable-512.png 200 image/png'])
  expect(browser.errors.filter((e) => /manifest|icon|Content Security Policy/i.test(e))).toEqual([])
}, 120_000)

it('installed, the app opens from its own window with the gateway stopped', async () => {
  onTestFailed(() => console.error('browser errors:\n', browser.errors.join('\n')))
  await page.goto(`${app.subdomainUrl}#/about`)
  await expect.poll(() => page.getByTestId('copy-verified').getAttribute('data-state'), { timeout: 90_000, interval: 250 }).toBe('verified')
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000, interval: 250 }).toBe(true)
  const cdp = await page.context().newCDPSession(page)
  // The manifest's id "./" resolves to the origin's root.
  const manifestId = app.subdomainUrl
  await cdp.send('PWA.install' as never, { manifestId } as never)
  stopped = true
  await app.close()
  // Nothing from the HTTP cache: what opens comes from the worker's verified copy.
  await cdp.send('Network.clearBrowserCache')
  const opened = browser.context.waitForEvent('page', { timeout: 30_000 })
  const { targetId } = (await cdp.send('PWA.launch' as never, { manifestId } as never)) as { targetId: string }
  expect(targetId).toBeTruthy()
  const window = await opened
  await window.getByRole('heading', { name: 'Welcome to Latchkey' }).waitFor({ timeout: 30_000 })
  expect(window.url()).toBe(app.subdomainUrl)
  await expect(window.evaluate(() => !!navigator.serviceWorker.controller)).resolves.toBe(true)
}, 180_000)
