import { readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import lighthouse from 'lighthouse'
import desktopConfig from 'lighthouse/core/config/desktop-config.js'
import { chromium } from 'playwright-core'
import type { Devnet } from '../devnet/startDevnet.ts'
import { CHROMIUM_ARGS, createProfileDir } from './launchChromium.ts'
import { toMetric } from './measure.ts'
import { serveBuildOverGateway } from './serveBuildOverGateway.ts'
import { type BenchOptions, type SectionResult, createSection } from './types.ts'

export type BenchLighthouseParameters = { dir: string; devnet: Devnet; options: BenchOptions }

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const
const TIMEOUT_MS = 90_000

/** The port of a Chromium started with --remote-debugging-port=0 (it writes it into its profile). */
async function devToolsPort(profile: string): Promise<number> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const text = await readFile(path.join(profile, 'DevToolsActivePort'), 'utf8').catch(() => '')
    const port = Number(text.split('\n')[0])
    if (port > 0) return port
    if (Date.now() > deadline) throw new Error('Chromium did not write DevToolsActivePort')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * Lighthouse (performance, accessibility, best practices) on the production build served from
 * the local IPFS gateway, in Debian's chromium. The profile first gets the devnet (through its
 * connect link, confirmed) and a watched address, as a returning user has; Lighthouse then loads
 * Home with that storage kept (`disableStorageReset`), so the audit sees the app syncing from the
 * devnet rather than reaching for mainnet endpoints that do not answer offline. Mobile (Lighthouse's
 * default: simulated slow 4G and 4× CPU) always; desktop too in the full bench.
 */
export async function benchLighthouse({ dir, devnet, options }: BenchLighthouseParameters): Promise<SectionResult> {
  const section = createSection('lighthouse', 'Lighthouse (production build on the devnet)')
  const served = await serveBuildOverGateway({ dir })
  const profile = await createProfileDir()
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--remote-debugging-port=0'], headless: true, viewport: { width: 1100, height: 900 } })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    const connect = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
    await page.goto(`${served.subdomainUrl}#/connect?${connect}`)
    await page.getByRole('button', { name: 'Add network', exact: true }).click({ timeout: TIMEOUT_MS })
    await page.getByRole('link', { name: /^Watch an address/ }).click({ timeout: TIMEOUT_MS })
    await page.getByLabel('Address to watch (0x…)').fill(devnet.accounts[0]!)
    await page.getByRole('button', { name: 'Import' }).click()
    await page.locator('[data-verified-balance]').waitFor({ timeout: TIMEOUT_MS })
    await page.goto('about:blank')
    const port = await devToolsPort(profile)

    const forms = options.quick ? (['mobile'] as const) : (['mobile', 'desktop'] as const)
    const scores: Record<string, Record<string, number>> = {}
    for (const form of forms) {
      const load = os.loadavg()[0]!
      const started = performance.now()
      const result = await lighthouse(`${served.subdomainUrl}#/home`, {
        port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], disableStorageReset: true,
        // The gateway is on loopback: the simulated network (Lantern) is what makes the figures comparable.
        throttlingMethod: 'simulate',
      }, form === 'desktop' ? desktopConfig : undefined)
      if (!result) throw new Error('Lighthouse returned no result')
      const seconds = (performance.now() - started) / 1000
      const { categories, audits, runtimeError } = result.lhr
      if (runtimeError) throw new Error(`Lighthouse: ${runtimeError.code}: ${runtimeError.message}`)
      scores[form] = {}
      for (const id of CATEGORIES) {
        const score = categories[id]?.score
        if (score === null || score === undefined) throw new Error(`Lighthouse gave no ${id} score (${form})`)
        scores[form][id] = Math.round(score * 100)
        const failing = Object.values(audits).filter((a) => result.lhr.categories[id]!.auditRefs.some((r) => r.id === a.id && r.weight > 0) && a.score !== null && a.score < 0.9).map((a) => a.id)
        section.metrics.push(toMetric({ metric: `${form}: ${id} score (0-100)`, unit: 'count', samples: [scores[form][id]], note: `load ${load.toFixed(2)}; ${failing.length ? `below 0.9: ${failing.slice(0, 4).join(', ')}` : 'every audit at 0.9 or more'}` }))
      }
      const metric = (id: string) => audits[id]?.numericValue
      for (const [id, name] of [['first-contentful-paint', 'first contentful paint'], ['largest-contentful-paint', 'largest contentful paint'], ['total-blocking-time', 'total blocking time']] as const) {
        const value = metric(id)
        if (value !== undefined) section.metrics.push(toMetric({ metric: `${form}: ${name} (simulated)`, unit: 'ms', samples: [value] }))
      }
      section.notes.push(`${form}: Lighthouse ${result.lhr.lighthouseVersion} took ${seconds.toFixed(1)} s at load ${load.toFixed(2)}`)
    }
    section.details = { scores, url: `${served.subdomainUrl}#/home` }
    return section
  } finally {
    await context.close()
    await served.close()
    await rm(profile, { recursive: true, force: true })
  }
}
