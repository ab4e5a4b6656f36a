import { formatEther } from 'viem'

/** "3 s ago", "2 min ago": the age of a verified number. */
export function ageText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s} s ago`
  const m = Math.round(s / 60)
  if (m < 60) return `${m} min ago`
  return `${Math.round(m / 60)} h ago`
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
