import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { settleTransitions } from '../../scripts/screenshots/settle.ts'

/** WCAG 2.1 levels A and AA: what the e2e suite holds every screen to. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string; summary: string }[] }

let source: Promise<string> | undefined

/**
 * Runs axe-core in the page and returns the WCAG 2.1 A/AA violations. The app's CSP allows no
 * inline or injected script, so axe's source goes in through the DevTools protocol (page.evaluate),
 * which the CSP does not govern; the page and its policy stay exactly as shipped.
 */
export async function runAxe(page: Page, { tags = WCAG_21_AA }: { tags?: string[] } = {}): Promise<AxeViolation[]> {
  source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(await source)
  await settleTransitions(page)
  return page.evaluate(async (runTags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: runTags }, resultTypes: ['violations'] })
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) })) }))
  }, tags)
}

/** One line per violation and element, for a failure message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target}: ${n.summary}`)).join('\n')
}

