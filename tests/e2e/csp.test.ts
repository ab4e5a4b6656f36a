import { expect, it } from 'vitest'
import { tourScreens } from '../../scripts/screenshots/tourScreens.ts'
import { dumpOnFailure, useE2e } from './harness.ts'

const e2e = useE2e({ browser: { viewport: { width: 1280, height: 800 } } })

/** `after`: the tour's last stop when the violation came (a screen's own work may land just before its stop). */
type Violation = { directive: string; blocked: string; sample: string; source: string; url: string; after: string }

/** One directive's sources in a policy ("style-src 'self'" -> ["'self'"]). */
const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1) ?? []

it('every screen runs under the strict policy (no \'unsafe-inline\' styles or scripts) without one CSP violation', async () => {
  const { devnet, app, browser, page } = e2e
  dumpOnFailure(page, browser, 'csp')
  const violations: Violation[] = []
  let screen = '(none yet)'
  // Reported from each document the tab loads (the hook survives reloads and navigations).
  await page.exposeFunction('__latchkeyCspViolation', (v: Omit<Violation, 'after'>) => violations.push({ ...v, after: screen }))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __latchkeyCspViolation: (v: unknown) => void }).__latchkeyCspViolation
      report({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}`, url: location.href })
    })
  })

  // The policies the app's documents arrive with (the gateway sends index.html's meta tag as a header).
  const policies: string[] = []
  page.on('response', (r) => {
    const policy = r.request().resourceType() === 'document' ? r.headers()['content-security-policy'] : undefined
    if (policy) policies.push(policy)
  })
  const errorsBefore = browser.errors.length

  const visited = await tourScreens({
    page, appUrl: app.subdomainUrl, devnet,
    visit: async (stop) => {
      screen = stop.name
      // Let the screen's late work (a lazy chunk's stylesheet, a skeleton replaced) land before the next stop.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    },
  })
  expect(visited).toEqual(['connect', 'welcome', 'create', 'import-mnemonic', 'import-privateKey', 'import-keystore', 'import-watch', 'import-external', 'import-ledger', 'import-qr', 'home', 'send', 'send-review', 'send-done', 'receive', 'activity', 'contract', 'approvals', 'network', 'settings', 'verify-proof', 'about', 'unlock'])
  const fromTour = [...violations]
  const refused = browser.errors.slice(errorsBefore).filter((e) => /Content Security Policy/i.test(e))

  // The policy is the strict one, in the header and in the meta tag.
  expect(policies.length).toBeGreaterThan(0)
  for (const policy of policies) {
    expect(directive(policy, 'style-src')).toEqual(["'self'"])
    expect(directive(policy, 'script-src')).not.toContain("'unsafe-inline'")
  }
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(directive(meta ?? '', 'style-src')).toEqual(["'self'"])
  // The collector does see a violation: an inline style attribute parsed from HTML is refused...
  await page.evaluate(() => {
    const probe = document.createElement('div')
    probe.innerHTML = '<span id="csp-probe" style="color: rgb(1, 2, 3)">probe</span>'
    document.body.append(probe)
  })
  await expect.poll(() => violations.length, { timeout: 10_000 }).toBeGreaterThan(fromTour.length)
  expect(violations.slice(fromTour.length).map((v) => v.directive)).toContain('style-src-attr')
  expect(await page.evaluate(() => getComputedStyle(document.getElementById('csp-probe')!).color)).not.toBe('rgb(1, 2, 3)')
  // ...while a style set through the CSSOM (how Svelte applies style: directives and style={...}) is not.
  expect(await page.evaluate(() => {
    const el = document.getElementById('csp-probe')!
    el.style.setProperty('color', 'rgb(4, 5, 6)')
    return getComputedStyle(el).color
  })).toBe('rgb(4, 5, 6)')

  expect(fromTour, JSON.stringify(fromTour, null, 2)).toEqual([])
  expect(refused, refused.join('\n')).toEqual([])
}, 400_000)
