import { isHex } from 'viem'
import type { BlockSelector } from '../execution/types.ts'
import { BlockNotVerifiableError } from './errors.ts'

export type ParseBlockTagParameters = { block: unknown }

/**
 * Maps a JSON-RPC block parameter to what the light client can vouch for: 'latest' is its
 * optimistic head, 'finalized' its finalized head. 'safe' maps to 'finalized': the light client
 * does not see fork-choice votes, and the finalized head is always at least as safe. 'pending' and
 * 'earliest' cannot be verified and are refused. EIP-1898 block hashes are not accepted: the light
 * client vouches for numbers along its chain, not arbitrary hashes.
 */
export function parseBlockTag({ block }: ParseBlockTagParameters): BlockSelector {
  if (block === undefined || block === null || block === 'latest') return 'latest'
  if (block === 'finalized' || block === 'safe') return 'finalized'
  if (typeof block === 'object' && 'blockNumber' in block) return parseBlockTag({ block: (block as { blockNumber: unknown }).blockNumber })
  if (typeof block === 'string' && isHex(block) && block.length <= 18) return BigInt(block)
  throw new BlockNotVerifiableError({ block: JSON.stringify(block), reason: "only 'latest', 'safe', 'finalized' and block numbers can be verified" })
}
