import { hexToBigInt, isHex } from 'viem'
import { TransactionNotInBlockError } from '../execution/errors.ts'
import type { Hex, RpcReceipt, RpcTransaction } from '../execution/types.ts'
import { InvalidParamsError } from './errors.ts'
import { type GetVerifiedBlockReturnType, getVerifiedBlock } from './getVerifiedBlock.ts'
import type { HandlerContext } from './types.ts'

export type LocateTransactionReturnType = (GetVerifiedBlockReturnType & { index: number; receipt: RpcReceipt | undefined }) | undefined

/**
 * Finds a transaction's block: the RPC's answer only says which block to verify. A provider whose
 * block turns out not to contain the transaction is marked faulty and the next one is asked.
 * Returns undefined when the providers know no such mined transaction (absence cannot be proven),
 * or when it was mined after the verified head.
 */
export async function locateTransaction({ context, hash, method, withReceipts }: { context: HandlerContext; hash: unknown; method: string; withReceipts: boolean }): Promise<LocateTransactionReturnType> {
  if (typeof hash !== 'string' || !isHex(hash) || hash.length !== 66) throw new InvalidParamsError({ method, reason: 'expected a transaction hash' })
  return context.client.request({ method: 'eth_getTransactionByHash', params: [hash] }, async (result): Promise<LocateTransactionReturnType> => {
    const hint = result as Pick<RpcTransaction, 'blockNumber'> | null
    if (!hint || typeof hint.blockNumber !== 'string') return undefined
    const number = hexToBigInt(hint.blockNumber as Hex)
    // Mined after the verified head: not verifiable yet, so "not found yet" (pollers keep polling).
    if (number > (await context.headers.getExecutionHeader('latest')).number) return undefined
    const header = await context.getHeader(number)
    const verified = await getVerifiedBlock({ context, header, withReceipts })
    const index = verified.block.transactions.findIndex((t) => t.hash.toLowerCase() === hash.toLowerCase())
    if (index < 0) throw new TransactionNotInBlockError({ hash: hash as Hex, blockNumber: String(header.number) })
    return { ...verified, index, receipt: verified.receipts?.[index] }
  })
}
