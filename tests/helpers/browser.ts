import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, type Page, chromium } from 'playwright-core'

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export type TestBrowser = {
  context: BrowserContext
  /** A new tab; console errors and page errors are collected in `errors`. */
  newPage(): Promise<Page>
  errors: string[]
  close(): Promise<void>
}

export type LaunchBrowserParameters = {
  viewport?: { width: number; height: number }
  /** More Chromium flags, e.g. `--host-resolver-rules=…` to reach local servers under public host names. */
  args?: string[]
  /** Accept any certificate (the test's own, made at test time). */
  ignoreHTTPSErrors?: boolean
}

/** Debian's chromium through playwright-core, with a fresh profile (one per test file). */
export async function launchBrowser({ viewport = { width: 1100, height: 900 }, args = [], ignoreHTTPSErrors = false }: LaunchBrowserParameters = {}): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'latchkey-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, ...args], headless: true, viewport, ignoreHTTPSErrors })
  const errors: string[] = []
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`)
    })
  }
  context.pages().forEach(watch)
  context.on('page', watch)
  return {
    context,
    errors,
    newPage: () => context.newPage(),
    async close() {
      await context.close().catch(() => undefined)
      await rm(profile, { recursive: true, force: true })
    },
  }
}
