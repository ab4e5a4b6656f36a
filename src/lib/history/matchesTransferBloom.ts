import { pad } from 'viem'
import { isInBloom } from '../execution/isInBloom.ts'
import type { Address, Hex } from '../execution/types.ts'
import { TRANSFER_TOPIC } from './constants.ts'

/**
 * Whether a block (or receipt) bloom may hold a Transfer log with the address as sender or
 * recipient: both the Transfer topic and the address padded to a topic must be in it. A false
 * answer proves the block has no such log; a true one may be a false positive (the two entries
 * can come from different logs, or from other values hashing to the same bits).
 */
export function matchesTransferBloom({ bloom, address }: { bloom: Hex; address: Address }): boolean {
  return isInBloom({ bloom, value: TRANSFER_TOPIC }) && isInBloom({ bloom, value: pad(address.toLowerCase() as Hex, { size: 32 }) })
}
