import { recoverTransactionAddress } from 'viem'
import { locateTransaction } from './locateTransaction.ts'
import type { MethodHandler } from './types.ts'

/** eth_getTransactionByHash: the transaction from its verified block, sender recovered from the signature. */
export const eth_getTransactionByHash: MethodHandler = async ({ params: [hash], context }) => {
  const found = await locateTransaction({ context, hash, method: 'eth_getTransactionByHash', withReceipts: false })
  if (!found) return null
  const tx = found.block.transactions[found.index]
  const from = (await recoverTransactionAddress({ serializedTransaction: found.raws[found.index] as never })).toLowerCase()
  return { ...tx, from, blockHash: found.block.hash, blockNumber: found.block.number, transactionIndex: `0x${found.index.toString(16)}` }
}
