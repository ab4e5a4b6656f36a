import { expect, it } from 'vitest'
import { sumHistoryStats } from '../../../src/lib/history/sumHistoryStats.ts'

it('sums each count of several proven segments, and an empty list to zeros', () => {
  const a = { headers: 10, bloomMatches: 2, falsePositives: 1, balanceProofs: 5, blocksWithBalanceChange: 1, historyAnchors: 0 }
  const b = { headers: 3, bloomMatches: 0, falsePositives: 0, balanceProofs: 2, blocksWithBalanceChange: 0, historyAnchors: 1 }
  expect(sumHistoryStats([a, b])).toEqual({ headers: 13, bloomMatches: 2, falsePositives: 1, balanceProofs: 7, blocksWithBalanceChange: 1, historyAnchors: 1 })
  expect(sumHistoryStats([])).toEqual({ headers: 0, bloomMatches: 0, falsePositives: 0, balanceProofs: 0, blocksWithBalanceChange: 0, historyAnchors: 0 })
  expect(a.headers).toBe(10)
})
