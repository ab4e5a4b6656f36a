import { formatUnits } from 'viem'
import { formatAge } from '../../lib/consensus/formatAge.ts'
import type { Freshness } from '../../lib/consensus/getFreshness.ts'

/** "3 s ago", "16 min ago": the age of a verified header. */
export function ageText(ms: number): string {
  return `${formatAge({ seconds: ms / 1000 })} ago`
}

/**
 * Why a value (or, for Send and Activity, the head itself) is not current, in words (the
 * freshness rule's reason). A value can be older than the head when its read lagged behind it.
 */
export function notCurrentText(freshness: Freshness, subject: 'value' | 'head' = 'value'): string {
  switch (freshness.reason) {
    case 'stalled': return 'the light client is stalled (no newer verified head); this may not be the value now.'
    case 'error': return 'the light client stopped; this may not be the value now.'
    case 'syncing': return 'the light client is still catching up to the head.'
    default: return `${subject === 'head' ? 'the verified head' : 'the block it was verified at'} is ${formatAge({ seconds: freshness.ageSeconds })} old, more than the ${formatAge({ seconds: freshness.limitSeconds })} a current one may lag the clock.`
  }
}

/**
 * An amount for reading: the whole part grouped by thousands, and fewer decimals the larger it
 * is (2 from 1,000 up, 4 from 1, else 6), cut and never rounded up, so a balance is never shown
 * as more than it is; a non-zero amount too small for 6 decimals reads "< 0.000001". English
 * separators, like the rest of the app's text. The exact value is `exactAmountText` (what copying
 * an amount puts on the clipboard).
 */
export function amountText(value: bigint, decimals: number): string {
  const negative = value < 0n
  const abs = negative ? -value : value
  const [whole = '0', fraction = ''] = formatUnits(abs, decimals).split('.')
  const places = abs >= 1000n * 10n ** BigInt(decimals) ? 2 : abs >= 10n ** BigInt(decimals) ? 4 : 6
  const shown = fraction.slice(0, places).replace(/0+$/, '')
  if (abs > 0n && whole === '0' && shown === '') return `${negative ? '−' : ''}< 0.${'0'.repeat(places - 1)}1`
  return `${negative ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${shown ? `.${shown}` : ''}`
}

/** Every digit, no grouping: what a user pastes into another wallet or a calculator. */
export function exactAmountText(value: bigint, decimals: number): string {
  return formatUnits(value, decimals)
}

/** ETH for reading (amountText with 18 decimals). */
export function ethText(wei: bigint): string {
  return amountText(wei, 18)
}

export function shortHex(hex: string, chars = 6): string {
  return hex.length <= 2 + chars * 2 ? hex : `${hex.slice(0, 2 + chars)}…${hex.slice(-chars)}`
}
