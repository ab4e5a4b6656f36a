import { describe, expect, it } from 'vitest'
import { getFreshness } from '../../../src/lib/consensus/getFreshness.ts'
import { parseUnits } from 'viem'
import { ageText, amountText, ethText, exactAmountText, notCurrentText } from '../../../src/ui/display/format.ts'

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

describe('amountText / exactAmountText (amounts for reading, and for copying)', () => {
  const eth = (s: string) => parseUnits(s, 18)
  it('groups the whole part and shows fewer decimals the larger the amount, never rounding up', () => {
    expect(amountText(eth('1'), 18)).toBe('1')
    expect(amountText(eth('1234567.891'), 18)).toBe('1,234,567.89')
    expect(amountText(eth('1000'), 18)).toBe('1,000')
    expect(amountText(eth('999.99999'), 18)).toBe('999.9999')
    expect(amountText(eth('0.7499789999'), 18)).toBe('0.749978')
    expect(amountText(eth('0.1'), 18)).toBe('0.1')
    expect(amountText(0n, 18)).toBe('0')
    expect(amountText(750_000n, 3)).toBe('750')
    expect(amountText(-eth('0.25'), 18)).toBe('−0.25')
  })
  it('says "< 0.000001" rather than 0 for dust', () => {
    expect(amountText(1n, 18)).toBe('< 0.000001')
    expect(amountText(-1n, 18)).toBe('−< 0.000001')
    expect(amountText(1n, 0)).toBe('1')
  })
  it('keeps every digit for copying', () => {
    expect(exactAmountText(eth('1234567.891000000000000001'), 18)).toBe('1234567.891000000000000001')
    expect(exactAmountText(1n, 18)).toBe('0.000000000000000001')
    expect(ethText(eth('1234.5'))).toBe('1,234.5')
  })
})
