import type { BrowserContext, Page } from 'playwright-core'
import { launchChromium } from './launchChromium.ts'
import { MILESTONES_REACHED_SCRIPT, type Milestones, OBSERVE_MILESTONES_SCRIPT, READ_MILESTONES_SCRIPT } from './observeMilestones.ts'

/** One start as the page saw it: its milestones, when the robot's last action began, the bootstraps it fetched. */
export type StartRun = Milestones & { actionAt: number; bootstraps: number; errors: string[] }
export type WarmRun = StartRun & { controlled: boolean; serviceWorker?: boolean }

const PASSWORD = 'bench password 1'
const TIMEOUT_MS = 90_000

async function openPage({ context }: { context: BrowserContext }): Promise<{ page: Page; bootstraps: () => number; errors: string[] }> {
  await context.addInitScript(OBSERVE_MILESTONES_SCRIPT)
  const page = context.pages()[0] ?? (await context.newPage())
  let bootstraps = 0
  const errors: string[] = []
  page.on('request', (r) => { if (r.url().includes('/light_client/bootstrap/')) bootstraps++ })
  page.on('pageerror', (e) => errors.push(e.message))
  return { page, bootstraps: () => bootstraps, errors }
}

const FIRST_PAINT_SEEN_SCRIPT = `performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint')`

async function finish({ page, actionAt, bootstraps, errors }: { page: Page; actionAt: number; bootstraps: () => number; errors: string[] }): Promise<StartRun> {
  try {
    // Polled with page.evaluate (CDP evaluation): waitForFunction's eval is refused by the app's CSP.
    const deadline = Date.now() + TIMEOUT_MS
    while (!(await page.evaluate(MILESTONES_REACHED_SCRIPT))) {
      if (Date.now() > deadline) throw new Error('timed out')
      await new Promise((r) => setTimeout(r, 100))
    }
  } catch (error) {
    const text = await page.locator('body').innerText().catch(() => '?')
    throw new Error(`no synced light client and verified balance within ${TIMEOUT_MS / 1000} s; page says: ${text.replace(/\s+/g, ' ').slice(0, 400)}; page errors: ${errors.join(' | ') || 'none'}`, { cause: error })
  }
  // A page that is done within its first frame (the floor) has no paint entry yet: wait for it (2 s at most).
  const paintBy = Date.now() + 2000
  while (!(await page.evaluate(FIRST_PAINT_SEEN_SCRIPT)) && Date.now() < paintBy) await new Promise((r) => setTimeout(r, 20))
  return { ...((await page.evaluate(READ_MILESTONES_SCRIPT)) as Milestones), actionAt, bootstraps: bootstraps(), errors }
}

/** Fills the vault password fields if this version of the app asks for them (watch-only may not). */
async function fillPasswordIfAsked(page: Page): Promise<void> {
  const password = page.getByLabel("Password for this browser's vault")
  if ((await password.count()) === 0) return
  await password.fill(PASSWORD)
  await page.getByLabel('Repeat the password').fill(PASSWORD)
}

/** Cold start: a fresh profile opens the devnet connect link, confirms its review and watches the funded dev account. */
export async function coldStart({ profile, url, address }: { profile: string; url: string; address: string }): Promise<StartRun> {
  const context = await launchChromium({ profile })
  try {
    const { page, bootstraps, errors } = await openPage({ context })
    await page.goto(url)
    // The link's review: one confirmation adds the devnet (a custom network).
    await page.getByRole('button', { name: 'Add network', exact: true }).click({ timeout: TIMEOUT_MS })
    // Watching an address is the shortest way to a balance: no key derivation, one form.
    await page.getByRole('link', { name: 'Watch an address' }).click({ timeout: TIMEOUT_MS })
    await page.getByLabel('Address to watch (0x…)').fill(address, { timeout: TIMEOUT_MS })
    await fillPasswordIfAsked(page)
    const actionAt = (await page.evaluate('performance.now()')) as number
    await page.getByRole('button', { name: 'Import' }).click()
    return await finish({ page, actionAt, bootstraps, errors })
  } finally {
    await context.close()
  }
}

/** Page expression: true once this origin's service worker is active (false when none registers). */
const SERVICE_WORKER_ACTIVE_SCRIPT = `navigator.serviceWorker?.getRegistration().then((r) => r?.active?.state === 'activated') ?? false`

/**
 * Waits (outside the timed part) until the copy's service worker is active: the cold run ends
 * about a second after its start, before the worker has fetched and verified the copy, so the warm
 * start is not controlled by it; the third start is. False when no worker became active.
 */
async function waitForServiceWorker(page: Page): Promise<boolean> {
  const deadline = Date.now() + TIMEOUT_MS
  while (Date.now() < deadline) {
    if (await page.evaluate(SERVICE_WORKER_ACTIVE_SCRIPT).catch(() => false)) return true
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}

/** Warm start: the same profile opens the app again (persisted network, header, account); unlocks if a vault asks. */
export async function warmStart({ profile, url, thenServiceWorker = false }: { profile: string; url: string; thenServiceWorker?: boolean }): Promise<WarmRun> {
  const context = await launchChromium({ profile })
  try {
    const { page, bootstraps, errors } = await openPage({ context })
    await page.goto(url)
    let actionAt = 0
    const unlock = page.getByLabel('Password', { exact: true })
    const deadline = Date.now() + TIMEOUT_MS
    while (!(await page.evaluate(MILESTONES_REACHED_SCRIPT)) && Date.now() < deadline) {
      if (actionAt === 0 && (await unlock.isVisible())) {
        await unlock.fill(PASSWORD)
        actionAt = (await page.evaluate('performance.now()')) as number
        await unlock.press('Enter')
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    const run = { ...(await finish({ page, actionAt, bootstraps, errors })), controlled: (await page.evaluate('!!navigator.serviceWorker?.controller')) as boolean }
    return thenServiceWorker ? { ...run, serviceWorker: await waitForServiceWorker(page) } : run
  } finally {
    await context.close()
  }
}
