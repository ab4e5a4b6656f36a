import type { FeedPrice } from './getFeedPrice.ts'

/** "$1,234.56" for `amount` (in units of 10^amountDecimals) at `price`; under a cent shows "< $0.01". */
export function formatUsdValue({ amount, amountDecimals, price }: { amount: bigint; amountDecimals: number; price: Pick<FeedPrice, 'answer' | 'decimals'> }): string {
  const scale = 10n ** BigInt(amountDecimals + price.decimals)
  const cents = (amount * price.answer * 100n) / scale
  if (cents === 0n && amount > 0n) return '< $0.01'
  const dollars = cents / 100n
  return `$${dollars.toLocaleString('en-US')}.${(cents % 100n).toString().padStart(2, '0')}`
}
