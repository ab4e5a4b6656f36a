import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { type SectionResult, createSection } from './types.ts'

/** DOM markers the bench waits for in the app (to be exposed by src/ui): synced light client, verified balance. */
export const BROWSER_MARKERS = ['data-sync-status', 'data-verified-balance'] as const

/**
 * Browser cold start (headless Chromium, production build, fresh profile). Not run until the app
 * exposes the markers above; the section then says exactly which are missing.
 */
export async function benchBrowser({ dir }: { dir: string }): Promise<SectionResult> {
  const section = createSection('browser', 'Browser cold start (headless Chromium, production build)')
  const assets = path.join(dir, 'assets')
  const code = (await Promise.all((await readdir(assets)).filter((f) => f.endsWith('.js')).map((f) => readFile(path.join(assets, f), 'utf8')))).join('\n')
  const missing = BROWSER_MARKERS.filter((m) => !code.includes(m))
  section.skipped = missing.length > 0
    ? `the app does not expose ${missing.join(' and ')} yet (src/ui has no screen showing the sync state and a verified balance), so time to synced light client and to the first verified balance on screen cannot be observed.`
    : 'the app exposes the markers, but the Chromium cold-start run is not written yet (see scripts/bench/README-section.md).'
  return section
}
