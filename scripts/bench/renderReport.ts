import { formatTable, summaryCells } from './formatTable.ts'
import type { SectionResult } from './types.ts'

export type BenchReport = {
  date: string
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string; loadAverage?: { start: number; end: number } }
  quick: boolean
  runs: number
  durationMs: number
  sections: SectionResult[]
}

/** One section as text: its title, the metric table, extra tables, notes and why anything was skipped. */
export function renderSection(section: SectionResult): string {
  const out = [`## ${section.title}`]
  if (section.metrics.length > 0)
    out.push(formatTable({
      header: ['metric', 'median', 'p10', 'p90', 'min', 'max', 'n', 'note'],
      rows: section.metrics.map((m) => [m.metric, ...summaryCells({ summary: m.summary, unit: m.unit }), m.note ?? '']),
      alignRight: [1, 2, 3, 4, 5, 6],
    }))
  for (const table of section.tables) out.push(`${table.title}:`, formatTable(table))
  if (section.skipped) out.push(`NOT MEASURED: ${section.skipped}`)
  for (const note of section.notes) out.push(`- ${note}`)
  return out.join('\n')
}

export function renderReport(report: BenchReport): string {
  const { machine } = report
  return [
    `# Latchkey bench, ${report.date}${report.quick ? ' (quick)' : ''}`,
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; ${report.runs} runs per figure; took ${(report.durationMs / 1000).toFixed(0)} s${machine.loadAverage ? `; 1-min load average ${machine.loadAverage.start.toFixed(1)} at start, ${machine.loadAverage.end.toFixed(1)} at end` : ''}`,
    '',
    ...report.sections.map((s) => `${renderSection(s)}\n`),
  ].join('\n')
}
