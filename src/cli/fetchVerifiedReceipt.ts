import { hexToBigInt, numberToHex } from 'viem'
import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { RpcBlockHeader, RpcReceipt, RpcTransaction } from '../lib/execution/types.ts'
import { verifyBlockHeader } from '../lib/execution/verifyBlockHeader.ts'
import { verifyReceipts } from '../lib/execution/verifyReceipts.ts'
import { verifyTransactions } from '../lib/execution/verifyTransactions.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { ReceiptNotFoundError } from './errors.ts'
import { type VerifiedAgainst, pinHeader } from './verifiedAgainst.ts'

export type FetchVerifiedReceiptReturnType = { kind: 'receipt'; hash: string; receipt: RpcReceipt; verifiedAgainst: VerifiedAgainst }

/**
 * A transaction's receipt, verified: the RPC's receipt only says which block to look in; that
 * block's header must hash to a verified block hash, its transactions must rebuild the header's
 * transactions root (which binds the hash to an index), and all of its receipts must rebuild the
 * verified receipts root. The receipt printed is the one at the transaction's index.
 */
export async function fetchVerifiedReceipt({ client, rpc, hash }: { client: LightClient; rpc: RpcClient; hash: `0x${string}` }): Promise<FetchVerifiedReceiptReturnType> {
  // Only a locator (which block to look in); a provider answering null is asked no further, the next one is.
  const located = await rpc.request<RpcReceipt>({ method: 'eth_getTransactionReceipt', params: [hash] }, (result) => {
    if (!result) throw new ReceiptNotFoundError({ hash })
    return result as RpcReceipt
  }).catch((error) => {
    const errors = (error as { errors?: unknown[] }).errors
    throw errors?.length && errors.every((e) => e instanceof ReceiptNotFoundError) ? errors[0] : error
  })
  const number = hexToBigInt(located.blockNumber)
  const { header, against } = await pinHeader({ client, rpc, block: number })
  const transactionHashes = await rpc.request({ method: 'eth_getBlockByNumber', params: [numberToHex(number), true] }, async (result) => {
    const block = verifyBlockHeader({ header: result as RpcBlockHeader & { transactions: RpcTransaction[] }, blockHash: header.blockHash })
    await verifyTransactions({ transactions: block.transactions, transactionsRoot: block.transactionsRoot })
    return block.transactions.map((t) => t.hash.toLowerCase() as `0x${string}`)
  })
  const index = transactionHashes.indexOf(hash)
  // The RPC pointed at a block that does not hold the transaction: as good as no answer.
  if (index < 0) throw new ReceiptNotFoundError({ hash })
  const receipts = await rpc.request({ method: 'eth_getBlockReceipts', params: [numberToHex(number)] }, (result) =>
    verifyReceipts({ receipts: result as RpcReceipt[], receiptsRoot: header.receiptsRoot, blockHash: header.blockHash, blockNumber: number, transactionHashes }))
  return { kind: 'receipt', hash, receipt: receipts[index], verifiedAgainst: against }
}
