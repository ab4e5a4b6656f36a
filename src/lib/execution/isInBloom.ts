import { hexToBytes, keccak256 } from 'viem'
import type { Hex } from './types.ts'

/**
 * Whether a 2048-bit logs bloom may contain a value (an address or a topic), per the Yellow Paper
 * (4.3.1): false means certainly absent, so the block's receipts need not be fetched.
 */
export function isInBloom({ bloom, value }: { bloom: Hex; value: Hex }): boolean {
  const bits = hexToBytes(bloom)
  const hash = hexToBytes(keccak256(value))
  for (let i = 0; i < 6; i += 2) {
    const bit = ((hash[i] << 8) | hash[i + 1]) & 2047
    if ((bits[255 - (bit >> 3)] & (1 << (bit & 7))) === 0) return false
  }
  return true
}
