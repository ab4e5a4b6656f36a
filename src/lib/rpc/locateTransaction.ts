import { hexToBigInt, isHex } from 'viem'
import type { Hex, RpcReceipt, RpcTransaction } from '../execution/types.ts'
import { InvalidParamsError } from './errors.ts'
import { type GetVerifiedBlockReturnType, getVerifiedBlock } from './getVerifiedBlock.ts'
import type { HandlerContext } from './types.ts'

/**
 * Finds a transaction's block: the RPC's answer is only a hint to which block to verify. Returns
 * undefined when the RPC knows no such mined transaction (absence cannot be proven).
 */
export async function locateTransaction({ context, hash, method, withReceipts }: { context: HandlerContext; hash: unknown; method: string; withReceipts: boolean }) {
  if (typeof hash !== 'string' || !isHex(hash) || hash.length !== 66) throw new InvalidParamsError({ method, reason: 'expected a transaction hash' })
  const hint = await context.client.request<Pick<RpcTransaction, 'blockNumber'> | null>({ method: 'eth_getTransactionByHash', params: [hash] })
  if (!hint || typeof hint.blockNumber !== 'string') return undefined
  const header = await context.getHeader(hexToBigInt(hint.blockNumber as Hex))
  const verified: GetVerifiedBlockReturnType = await getVerifiedBlock({ context, header, withReceipts })
  const index = verified.block.transactions.findIndex((t) => t.hash.toLowerCase() === hash.toLowerCase())
  if (index < 0) return undefined
  return { ...verified, index, receipt: verified.receipts?.[index] as RpcReceipt | undefined }
}
