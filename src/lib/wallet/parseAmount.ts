import { formatUnits, parseUnits } from 'viem'
import { InsufficientBalanceError, InvalidAmountError, TooManyDecimalsError } from './errors.ts'

export type ParseAmountParameters = {
  /** What the user typed, e.g. "1.5" (a comma is not accepted as decimal separator: ambiguous). */
  input: string
  decimals: number
  symbol: string
  /** When given, amounts above it are refused. */
  balance?: bigint
}
export type ParseAmountReturnType = bigint

/** Decimal text -> base units, refusing anything that would be silently rounded. */
export function parseAmount({ input, decimals, symbol, balance }: ParseAmountParameters): ParseAmountReturnType {
  const text = input.trim()
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text))
    throw new InvalidAmountError({ input, reason: text.startsWith('-') ? 'it is negative' : 'use digits and one "." only' })
  const fraction = text.includes('.') ? text.split('.')[1].replace(/0+$/, '') : ''
  if (fraction.length > decimals) throw new TooManyDecimalsError({ input, decimals, symbol })
  const amount = parseUnits(text.endsWith('.') ? text.slice(0, -1) : text, decimals)
  if (amount === 0n) throw new InvalidAmountError({ input, reason: 'it is zero' })
  if (balance !== undefined && amount > balance)
    throw new InsufficientBalanceError({ amount, balance, symbol, format: (v) => formatUnits(v, decimals) })
  return amount
}
