import { describe, expect, it } from 'vitest'
import { getFreshness } from '../../../src/lib/consensus/getFreshness.ts'
import { ageText, notCurrentText } from '../../../src/ui/state/format.ts'

const T = 1_700_000_000
const freshness = (ageSeconds: number, status: Parameters<typeof getFreshness>[0]['status']) =>
  getFreshness({ headTimestamp: T, nowMs: (T + ageSeconds) * 1000, secondsPerSlot: 12, status })

describe('ageText / notCurrentText (what a value\'s badge and note say)', () => {
  it('reads an age from the header\'s timestamp', () => {
    expect(ageText(12_400)).toBe('12 s ago')
    expect(ageText(16 * 60_000)).toBe('16 min ago')
    expect(ageText(3 * 3_600_000 + 5)).toBe('3 h ago')
    expect(ageText(-500)).toBe('0 s ago')
  })

  it('says why a value is not current, for each reason of the rule', () => {
    expect(notCurrentText(freshness(16 * 60, 'synced'))).toBe('the block it was verified at is 16 min old, more than the 48 s a current one may lag the clock.')
    expect(notCurrentText(freshness(60, 'synced'), 'head')).toBe('the verified head is 1 min old, more than the 48 s a current one may lag the clock.')
    expect(notCurrentText(freshness(3, 'stalled'))).toMatch(/^the light client is stalled \(no newer verified head\)/)
    expect(notCurrentText(freshness(3, 'error'))).toMatch(/^the light client stopped/)
    expect(notCurrentText(freshness(3 * 86400, 'syncing'))).toBe('the light client is still catching up to the head.')
  })
})
