import type { SectionResult } from './types.ts'
import { createSection } from './types.ts'

/** Runs one section; a failure becomes the section's "not measured" reason instead of ending the bench. */
export async function runSection({ id, title, run }: { id: string; title: string; run: () => Promise<SectionResult> }): Promise<SectionResult> {
  const started = performance.now()
  process.stderr.write(`bench: ${title} ...\n`)
  try {
    const section = await run()
    process.stderr.write(`bench: ${title} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
    return section
  } catch (error) {
    const section = createSection(id, title)
    section.skipped = `failed: ${(error as Error)?.stack ?? String(error)}`.split('\n').slice(0, 6).join('\n')
    process.stderr.write(`bench: ${title} FAILED: ${(error as Error)?.message}\n`)
    return section
  }
}
