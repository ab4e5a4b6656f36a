import { formatUnits } from 'viem'

export type FormatTokenAmountParameters = { amount: bigint; decimals: number; symbol: string }

/** Exact decimal rendering in the token's units ("1234.5 USDC"); no rounding, so nothing is hidden. */
export function formatTokenAmount({ amount, decimals, symbol }: FormatTokenAmountParameters): string {
  return `${formatUnits(amount, decimals)} ${symbol}`
}
