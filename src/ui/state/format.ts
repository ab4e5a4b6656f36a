import { formatEther } from 'viem'
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

/** ETH with at most 6 decimals shown (the exact value is in the title). */
export function ethText(wei: bigint): string {
  const full = formatEther(wei)
  const [whole, fraction = ''] = full.split('.')
  const short = fraction.slice(0, 6).replace(/0+$/, '')
  return short ? `${whole}.${short}` : whole
}

export function shortHex(hex: string, chars = 6): string {
  return hex.length <= 2 + chars * 2 ? hex : `${hex.slice(0, 2 + chars)}…${hex.slice(-chars)}`
}
