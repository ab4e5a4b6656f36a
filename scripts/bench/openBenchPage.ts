import { rm } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { createProfileDir, launchChromium } from './launchChromium.ts'
import { serveStatic } from './serveStatic.ts'

export type BenchPage = {
  page: Page
  /** Calls `latchkeyBench.<method>(...args)` in the page (arguments and result as JSON). */
  call<T>(method: string, ...args: unknown[]): Promise<T>
  /** Page errors and console errors so far. */
  errors: string[]
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
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`) })
    await page.goto(`${server.url}${pagePath}`)
    await page.locator('#status', { hasText: 'ready' }).waitFor({ timeout: 60_000 })
    // A string expression (CDP evaluation): functions compiled by tsx carry helpers the page lacks.
    const call = async <T>(method: string, ...args: unknown[]) =>
      (await page.evaluate(`globalThis.latchkeyBench.${method}(...${JSON.stringify(args)})`)) as T
    return { page, call, errors, close }
  } catch (error) {
    await close()
    throw error
  }
}
