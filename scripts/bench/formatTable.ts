import type { Summary } from './summarize.ts'

export type Unit = 'ms' | 'bytes' | 'x' | 'count'

/** Fixed precision per unit: ms to 0.01 below 10 ms, bytes in kB above 10 kB, ratios to 0.01. */
export function formatValue({ value, unit }: { value: number; unit: Unit }): string {
  switch (unit) {
    case 'ms':
      return value < 10 ? `${value.toFixed(2)} ms` : value < 1000 ? `${value.toFixed(1)} ms` : `${(value / 1000).toFixed(2)} s`
    case 'bytes':
      return value < 10_000 ? `${Math.round(value)} B` : value < 10_000_000 ? `${(value / 1000).toFixed(1)} kB` : `${(value / 1e6).toFixed(2)} MB`
    case 'x':
      return `${value.toFixed(2)}x`
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(1)
  }
}

export type FormatTableParameters = {
  header: string[]
  rows: string[][]
  /** Columns to right-align (numbers); the others are left-aligned. */
  alignRight?: number[]
}

/** A plain-text table with a header rule, padded to the widest cell of each column. */
export function formatTable({ header, rows, alignRight = [] }: FormatTableParameters): string {
  for (const [i, row] of rows.entries())
    if (row.length !== header.length) throw new RangeError(`row ${i} has ${row.length} cells, the header ${header.length}`)
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)))
  const line = (cells: string[]) =>
    cells.map((cell, c) => (alignRight.includes(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** The cells of one measured metric: median, p10, p90, min, max, n. */
export function summaryCells({ summary, unit }: { summary: Summary; unit: Unit }): string[] {
  const f = (value: number) => formatValue({ value, unit })
  return [f(summary.median), f(summary.p10), f(summary.p90), f(summary.min), f(summary.max), String(summary.n)]
}
