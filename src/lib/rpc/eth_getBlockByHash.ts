import { hexToBigInt, isHex } from 'viem'
import type { RpcBlockHeader } from '../execution/types.ts'
import { BlockNotVerifiableError, InvalidParamsError } from './errors.ts'
import { getVerifiedBlock } from './getVerifiedBlock.ts'
import type { MethodHandler } from './types.ts'

/**
 * eth_getBlockByHash(hash, full): the RPC only tells which number to look at; the block is
 * served only if the verified chain has this hash at that number.
 */
export const eth_getBlockByHash: MethodHandler = async ({ params: [hash, full], context }) => {
  if (typeof hash !== 'string' || !isHex(hash) || hash.length !== 66) throw new InvalidParamsError({ method: 'eth_getBlockByHash', reason: 'expected a block hash' })
  const hint = await context.client.request<RpcBlockHeader | null>({ method: 'eth_getBlockByHash', params: [hash, false] })
  if (!hint) return null
  const header = await context.getHeader(hexToBigInt(hint.number))
  if (header.blockHash.toLowerCase() !== hash.toLowerCase())
    throw new BlockNotVerifiableError({ block: hash, reason: `the verified block ${header.number} has hash ${header.blockHash}` })
  const { block } = await getVerifiedBlock({ context, header, recoverSenders: full === true })
  return full === true ? block : { ...block, transactions: block.transactions.map((t) => t.hash) }
}
