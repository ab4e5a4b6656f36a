import type { HistoryStats } from './types.ts'

/** The work of several proven segments as one (what "What was checked" counts for a history range). */
export function sumHistoryStats(stats: readonly HistoryStats[]): HistoryStats {
  const total: HistoryStats = { headers: 0, bloomMatches: 0, falsePositives: 0, balanceProofs: 0, blocksWithBalanceChange: 0, historyAnchors: 0 }
  for (const s of stats) for (const key of Object.keys(total) as (keyof HistoryStats)[]) total[key] += s[key]
  return total
}
