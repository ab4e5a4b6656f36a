import { getContractAddress, hexToBigInt, numberToHex, recoverTransactionAddress } from 'viem'
import type { Address } from '../execution/types.ts'
import { locateTransaction } from './locateTransaction.ts'
import { toVerifiedLog } from './toVerifiedLog.ts'
import type { MethodHandler } from './types.ts'

/**
 * eth_getTransactionReceipt: all of the block's receipts are fetched and checked against the
 * verified receipts root, and every field of the answer is taken from verified data (sender from
 * the signature, contract address from sender and nonce, effective gas price from the header).
 * blobGasPrice is left out: it needs the fork's blob fee schedule.
 */
export const eth_getTransactionReceipt: MethodHandler = async ({ params: [hash], context }) => {
  const found = await locateTransaction({ context, hash, method: 'eth_getTransactionReceipt', withReceipts: true })
  if (!found?.receipt) return null
  const { block, index, receipt, raws } = found
  const tx = block.transactions[index]
  // The answer is derived from the verified block alone: kept with it, by the block's hash.
  const answers = context.cache?.at(block.hash).receipts
  const answered = answers?.get(tx.hash.toLowerCase())
  if (answered) return answered
  const from = (await recoverTransactionAddress({ serializedTransaction: raws[index] as never })).toLowerCase() as Address
  const previous = index === 0 ? 0n : hexToBigInt(found.receipts![index - 1].cumulativeGasUsed)
  const baseFee = block.baseFeePerGas ? hexToBigInt(block.baseFeePerGas) : 0n
  const effectiveGasPrice =
    typeof tx.maxFeePerGas === 'string'
      ? min(hexToBigInt(tx.maxFeePerGas as Address), baseFee + hexToBigInt(tx.maxPriorityFeePerGas as Address))
      : hexToBigInt(tx.gasPrice as Address)
  const logIndexStart = found.receipts!.slice(0, index).reduce((n, r) => n + r.logs.length, 0)
  const answer = {
    transactionHash: tx.hash,
    transactionIndex: numberToHex(index),
    blockHash: block.hash,
    blockNumber: block.number,
    from,
    to: tx.to ?? null,
    contractAddress: tx.to ? null : getContractAddress({ from, nonce: hexToBigInt(tx.nonce) }).toLowerCase(),
    cumulativeGasUsed: receipt.cumulativeGasUsed,
    gasUsed: numberToHex(hexToBigInt(receipt.cumulativeGasUsed) - previous),
    effectiveGasPrice: numberToHex(effectiveGasPrice),
    logsBloom: receipt.logsBloom,
    status: receipt.status,
    ...(receipt.root ? { root: receipt.root } : {}),
    type: tx.type ?? '0x0',
    logs: receipt.logs.map((log, i) => toVerifiedLog({ log, block, transactionHash: tx.hash, transactionIndex: index, logIndex: logIndexStart + i })),
  }
  answers?.set(tx.hash.toLowerCase(), answer)
  return answer
}

const min = (a: bigint, b: bigint) => (a < b ? a : b)
