import type { Unit } from './formatTable.ts'
import type { Summary } from './summarize.ts'

/** One measured figure: its samples and their summary. */
export type Metric = { metric: string; unit: Unit; summary: Summary; samples: number[]; note?: string }

export type ExtraTable = { title: string; header: string[]; rows: string[][]; alignRight?: number[] }

export type SectionResult = {
  id: string
  title: string
  metrics: Metric[]
  /** Why the section (or part of it) could not be measured, printed verbatim. */
  skipped?: string
  notes: string[]
  tables: ExtraTable[]
  /** Raw facts for bench/results.json (sizes per chunk, round-trip methods, ...). */
  details?: Record<string, unknown>
}

export type BenchOptions = { quick: boolean; runs: number }

export function createSection(id: string, title: string): SectionResult {
  return { id, title, metrics: [], notes: [], tables: [] }
}
