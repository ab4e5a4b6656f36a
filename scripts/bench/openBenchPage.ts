import { rm } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { createProfileDir, launchChromium } from './launchChromium.ts'
import { serveStatic } from './serveStatic.ts'

export type BenchTab = {
  page: Page
  /** Calls `latchkeyBench.<method>(...args)` in the page (arguments and result as JSON). */
  call<T>(method: string, ...args: unknown[]): Promise<T>
  /** Page errors and console errors so far. */
  errors: string[]
}

export type BenchPage = BenchTab & {
  /** Another tab with the bench page, in the same browser: isolates one client from another's state. */
  openTab(): Promise<BenchTab>
  close(): Promise<void>
}

/** The built bench page on 127.0.0.1 in a fresh headless Chromium, ready to be driven. */
export async function openBenchPage({ dir, pagePath }: { dir: string; pagePath: string }): Promise<BenchPage> {
  const server = await serveStatic({ dir })
  const profile = await createProfileDir()
  const context = await launchChromium({ profile })
  const close = async () => {
    await context.close().catch(() => undefined)
    await server.close()
    await rm(profile, { recursive: true, force: true })
  }
  const openTab = async (): Promise<BenchTab> => {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('404')) errors.push(`console: ${m.text()}`) })
    await page.goto(`${server.url}${pagePath}`)
    await page.locator('#status', { hasText: 'ready' }).waitFor({ timeout: 60_000 })
    // A string expression (CDP evaluation): functions compiled by tsx carry helpers the page lacks.
    const call = async <T>(method: string, ...args: unknown[]) =>
      (await page.evaluate(`globalThis.latchkeyBench.${method}(...${JSON.stringify(args)})`)) as T
    return { page, call, errors }
  }
  try {
    return { ...(await openTab()), openTab, close }
  } catch (error) {
    await close()
    throw error
  }
}
