import { keccak256 } from 'viem'
import { encodeBlockHeader } from './encodeBlockHeader.ts'
import { BlockHeaderHashMismatchError } from './errors.ts'
import type { Hex, RpcBlockHeader } from './types.ts'

export type VerifyBlockHeaderParameters<header extends RpcBlockHeader = RpcBlockHeader> = {
  /** The header (or whole block) the provider served. */
  header: header
  /** The trusted hash of that block (from the light client, or a verified child's parentHash). */
  blockHash: Hex
}
export type VerifyBlockHeaderReturnType<header extends RpcBlockHeader = RpcBlockHeader> = header
export type VerifyBlockHeaderErrorType = BlockHeaderHashMismatchError

/**
 * Re-encodes the served header fields, hashes them and returns the header if the hash equals the
 * trusted block hash; every header field is then as trustworthy as the hash. The served `hash`
 * field must match too. Body fields (transactions, withdrawals) are not checked here.
 */
export function verifyBlockHeader<header extends RpcBlockHeader>({
  header,
  blockHash,
}: VerifyBlockHeaderParameters<header>): VerifyBlockHeaderReturnType<header> {
  const computed = keccak256(encodeBlockHeader({ header }))
  const expected = blockHash.toLowerCase() as Hex
  if (computed !== expected || header.hash?.toLowerCase() !== expected)
    throw new BlockHeaderHashMismatchError({ expected, computed, number: String(header.number) })
  return header
}
