import { hexToBigInt, numberToHex, recoverTransactionAddress } from 'viem'
import type { Hex, RpcBlockHeader, RpcReceipt, RpcTransaction, VerifiedExecutionHeader } from '../execution/types.ts'
import { InvalidReceiptError } from '../execution/errors.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import { verifyReceipts } from '../execution/verifyReceipts.ts'
import { verifyTransactions } from '../execution/verifyTransactions.ts'
import { type RpcWithdrawal, verifyWithdrawals } from '../execution/verifyWithdrawals.ts'
import { BlockNotVerifiableError } from './errors.ts'
import type { HandlerContext } from './types.ts'

export type VerifiedBlock = RpcBlockHeader & { transactions: RpcTransaction[]; withdrawals?: RpcWithdrawal[]; uncles: Hex[]; [field: string]: unknown }

export type GetVerifiedBlockParameters = {
  /** Only the client and the cache are used (history calls it with no header resolver). */
  context: Pick<HandlerContext, 'client' | 'cache'>
  header: Pick<VerifiedExecutionHeader, 'blockHash' | 'number'>
  withReceipts?: boolean
  /** Recover every transaction's sender from its signature (the served `from` is not committed to). */
  recoverSenders?: boolean
}
export type GetVerifiedBlockReturnType = {
  block: VerifiedBlock
  receipts: RpcReceipt[] | undefined
  raws: Hex[]
  /** Whether every transaction's `from` is the sender recovered from its signature. */
  sendersRecovered: boolean
}

/**
 * A whole block (with its receipts when asked) in one round trip, checked against a verified hash:
 * the header by its hash, the transactions, withdrawals and receipts by their roots. Kept in the
 * context's cache by that hash, so the block (and its receipts) is fetched once per block: every
 * later caller, at once or after, shares the same verified result (treat it as read-only).
 */
export async function getVerifiedBlock(parameters: GetVerifiedBlockParameters): Promise<GetVerifiedBlockReturnType> {
  const { context, header, withReceipts = false, recoverSenders = false } = parameters
  if (!context.cache) return fetchVerifiedBlock(parameters)
  const entry = context.cache.at(header.blockHash)
  if (!entry.block || (withReceipts && !entry.block.withReceipts)) {
    const result = fetchVerifiedBlock({ context, header, withReceipts })
    const cached = { withReceipts, result }
    entry.block = cached
    // A failed fetch is not kept: the next caller asks again (another provider, perhaps).
    result.catch(() => entry.block === cached && (entry.block = undefined))
  }
  const verified = await entry.block.result
  if (recoverSenders && !verified.sendersRecovered) await recoverAllSenders(verified)
  return verified
}

/** Every transaction's `from` recovered from its signature (the served `from` is not committed to), once per cached block. */
async function recoverAllSenders(verified: GetVerifiedBlockReturnType): Promise<void> {
  await Promise.all(
    verified.block.transactions.map(async (tx, i) => {
      tx.from = (await recoverTransactionAddress({ serializedTransaction: verified.raws[i] as never })).toLowerCase() as Hex
    }),
  )
  verified.sendersRecovered = true
}

async function fetchVerifiedBlock({ context, header, withReceipts = false, recoverSenders = false }: GetVerifiedBlockParameters): Promise<GetVerifiedBlockReturnType> {
  const requests = [{ method: 'eth_getBlockByHash', params: [header.blockHash, true] }]
  if (withReceipts) requests.push({ method: 'eth_getBlockReceipts', params: [header.blockHash] })
  return context.client.batch(requests, async ([rawBlock, rawReceipts]) => {
    if (!rawBlock) throw new BlockNotVerifiableError({ block: header.blockHash, reason: 'the RPC does not have it' })
    const block = verifyBlockHeader({ header: rawBlock as VerifiedBlock, blockHash: header.blockHash })
    const raws = await verifyTransactions({ transactions: block.transactions, transactionsRoot: block.transactionsRoot })
    if (block.withdrawalsRoot) await verifyWithdrawals({ withdrawals: block.withdrawals ?? [], withdrawalsRoot: block.withdrawalsRoot })
    // Post-merge headers commit to an empty ommers list; the served uncle hashes must agree.
    if (block.sha3Uncles === '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347') block.uncles = []
    // Fields outside the transaction encoding are rebuilt from verified data.
    const baseFee = block.baseFeePerGas ? hexToBigInt(block.baseFeePerGas) : 0n
    for (const [i, tx] of block.transactions.entries()) {
      tx.blockHash = block.hash
      tx.blockNumber = block.number
      tx.transactionIndex = numberToHex(i)
      if (typeof tx.maxFeePerGas === 'string') {
        const tip = baseFee + hexToBigInt(tx.maxPriorityFeePerGas as Hex)
        const max = hexToBigInt(tx.maxFeePerGas as Hex)
        tx.gasPrice = numberToHex(tip < max ? tip : max)
      }
    }
    // The same answer served the block: denying its receipts (null, not a list) is not an outage.
    if (withReceipts && !Array.isArray(rawReceipts))
      throw new InvalidReceiptError({ index: 0, field: 'receipts', reason: `are ${JSON.stringify(rawReceipts)} for a block the same answer served` })
    const receipts = withReceipts
      ? await verifyReceipts({
          receipts: rawReceipts as RpcReceipt[],
          receiptsRoot: block.receiptsRoot,
          blockHash: header.blockHash,
          blockNumber: header.number,
          transactionHashes: block.transactions.map((t) => t.hash),
        })
      : undefined
    const verified: GetVerifiedBlockReturnType = { block, receipts, raws, sendersRecovered: false }
    if (recoverSenders) await recoverAllSenders(verified)
    return verified
  })
}
