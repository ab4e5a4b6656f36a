import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

/** Debian's chromium, flags as in tests/helpers/browser.ts (no background traffic, no first-run work). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/** A fresh profile directory (the caller removes it). */
export const createProfileDir = () => mkdtemp(path.join(tmpdir(), 'latchkey-bench-chromium-'))

/** Headless Chromium on a profile directory: a new one for a cold start, the same again for a warm start. */
export function launchChromium({ profile }: { profile: string }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, viewport: { width: 1100, height: 900 } })
}
