import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { type TourStop, tourScreens } from '../../scripts/screenshots/tourScreens.ts'
import { describeViolations, runAxe } from '../helpers/axe.ts'
import type { TestBrowser } from '../helpers/browser.ts'
import { coveredControls, headerLines, horizontalOverflow } from '../helpers/layout.ts'
import { dumpOnFailure, useE2e } from './harness.ts'
import type { ServedApp } from './serveApp.ts'

const e2e = useE2e({ browser: { viewport: { width: 1280, height: 800 } } })
let devnet: Devnet
let app: ServedApp
let browser: TestBrowser
let page: Page

beforeAll(async () => {
  ;({ devnet, app, browser, page } = e2e)
})

const widths = [360, 1280]
const schemes = ['light', 'dark'] as const

it('every screen, at 360 and 1280 px, light and dark: no WCAG 2.1 A/AA violation (axe), no sideways scroll on a phone, a one-line header on desktop', async () => {
  const problems: string[] = []
  let checked = 0
  dumpOnFailure(page, browser, 'design')

  // The toast after confirming the link ("Added network …") must not cover any control.
  const visit = async (stop: TourStop) => {
    if (stop.name === 'welcome') {
      const toast = page.getByTestId('toast')
      if (await toast.isVisible()) {
        const covered = await coveredControls(page, '[data-testid="toast"]')
        if (covered.length) problems.push(`welcome: the toast covers ${covered.join(', ')}`)
      }
    }
    for (const width of widths) {
      await page.setViewportSize({ width, height: width < 600 ? 740 : 800 })
      for (const colorScheme of schemes) {
        await page.emulateMedia({ colorScheme })
        const where = `${stop.name} at ${width} px, ${colorScheme}`
        const violations = await runAxe(page)
        if (violations.length) problems.push(`${where}:\n${describeViolations(violations)}`)
        checked++
      }
      if (width === 360) {
        const { overflow, culprits } = await horizontalOverflow(page)
        if (overflow > 0) problems.push(`${stop.name} at 360 px scrolls sideways by ${overflow} px: ${culprits.join(', ')}`)
      }
      if (width === 1280 && stop.unlocked) {
        const { lines, items } = await headerLines(page)
        expect(items.some((i) => i.startsWith('button:Lock')), `${stop.name}: the Lock button is in the header`).toBe(true)
        if (lines !== 1) problems.push(`${stop.name} at 1280 px with a vault unlocked: the header wraps onto ${lines} lines (${items.join(' | ')})`)
      }
    }
    await page.emulateMedia({ colorScheme: null })
    await page.setViewportSize({ width: 1280, height: 800 })
  }

  const visited = await tourScreens({ page, appUrl: app.subdomainUrl, devnet, visit })
  expect(visited).toEqual(['connect', 'welcome', 'create', 'import-mnemonic', 'import-privateKey', 'import-keystore', 'import-watch', 'import-external', 'import-ledger', 'import-qr', 'home', 'send', 'send-review', 'send-done', 'receive', 'activity', 'contract', 'approvals', 'network', 'settings', 'verify-proof', 'about', 'unlock'])
  expect(checked).toBe(visited.length * widths.length * schemes.length)
  expect(problems, problems.join('\n\n')).toEqual([])
}, 400_000)

it('phones get a bottom tab bar (primary links + More), not a wrapped header', async () => {
  await page.setViewportSize({ width: 360, height: 740 })
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Unlock' }).click()
  await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor({ timeout: 30_000 })
  const nav = page.getByTestId('main-nav')
  const box = await nav.boundingBox()
  expect(box && Math.round(box.y + box.height)).toBe(740)
  expect(await nav.getByRole('link').allTextContents()).toEqual(['Home', 'Send', 'Receive', 'Activity'])
  // Logo, network and Lock on one line, the sync state on the next.
  expect((await headerLines(page)).lines).toBeLessThanOrEqual(2)
  await nav.getByText('More').click()
  await nav.getByRole('link', { name: 'Contract' }).click()
  await page.getByRole('heading', { name: 'Contract', level: 1 }).waitFor()
  // Following a link closes the menu.
  await expect.poll(() => nav.getByRole('link', { name: 'Contract' }).isVisible()).toBe(false)
  // On phones Settings is under More (the header's gear on wider screens); Network & trust is also the sync pill.
  await nav.getByText('More').click()
  await nav.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
  await page.getByRole('link', { name: 'Network & trust' }).first().click()
  await page.getByRole('heading', { name: 'Network & trust', level: 1 }).waitFor()
  expect((await horizontalOverflow(page)).overflow).toBe(0)
})
