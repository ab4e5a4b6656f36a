import { describe, expect, it } from 'vitest'
import { formatUsdValue } from '../../../src/lib/prices/formatUsdValue.ts'
import { feedLimitSeconds } from '../../../src/lib/prices/getFeedPrice.ts'

const price = { answer: 3123_45678901n, decimals: 8 } // $3,123.45678901

describe('formatUsdValue', () => {
  it('multiplies in integers and rounds down to the cent', () => {
    expect(formatUsdValue({ amount: 10n ** 18n, amountDecimals: 18, price })).toBe('$3,123.45')
    expect(formatUsdValue({ amount: 10_000n * 10n ** 18n, amountDecimals: 18, price })).toBe('$31,234,567.89')
    expect(formatUsdValue({ amount: 250_000000n, amountDecimals: 6, price: { answer: 1_00000000n, decimals: 8 } })).toBe('$250.00')
  })
  it('says "< $0.01" for dust and $0.00 for nothing', () => {
    expect(formatUsdValue({ amount: 1n, amountDecimals: 18, price })).toBe('< $0.01')
    expect(formatUsdValue({ amount: 0n, amountDecimals: 18, price })).toBe('$0.00')
  })
  it('allows a feed its heartbeat plus 10 %', () => {
    expect(feedLimitSeconds(3600)).toBe(3960)
    expect(feedLimitSeconds(86400)).toBe(95040)
  })
})
