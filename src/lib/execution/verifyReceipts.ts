import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { bytesToHex, hexToBigInt } from 'viem'
import { encodeReceipt } from './encodeReceipt.ts'
import { InvalidReceiptError, ReceiptsRootMismatchError } from './errors.ts'
import type { Hex, RpcReceipt } from './types.ts'

export type VerifyReceiptsParameters = {
  /** All of the block's receipts, as `eth_getBlockReceipts` served them. */
  receipts: RpcReceipt[]
  /** The trusted receipts root (from a verified header). */
  receiptsRoot: Hex
  /** The trusted block hash and number: every receipt and log must claim them. */
  blockHash: Hex
  blockNumber: bigint
  /** The block's transaction hashes in order, from a verified body, if the caller has them. */
  transactionHashes?: Hex[]
}
export type VerifyReceiptsReturnType = RpcReceipt[]
export type VerifyReceiptsErrorType = ReceiptsRootMismatchError | InvalidReceiptError

/**
 * Rebuilds the receipts trie from all of a block's receipts and compares its root with the trusted
 * one, so no receipt or log can be forged, changed or left out. The fields the trie does not commit
 * to (indexes, block hash and number, gasUsed) are checked against what the trie and the trusted
 * header imply. Transaction hashes are only checked when `transactionHashes` is given.
 */
export async function verifyReceipts({
  receipts,
  receiptsRoot,
  blockHash,
  blockNumber,
  transactionHashes,
}: VerifyReceiptsParameters): Promise<VerifyReceiptsReturnType> {
  const trie = new MerklePatriciaTrie()
  for (const [index, receipt] of receipts.entries()) {
    let encoded: Uint8Array
    try {
      encoded = encodeReceipt({ receipt })
    } catch (cause) {
      throw new InvalidReceiptError({ index, field: 'encoding', reason: `cannot be encoded (${(cause as Error).message})` })
    }
    await trie.put(RLP.encode(index), encoded)
  }
  const computed = bytesToHex(trie.root())
  if (computed !== receiptsRoot.toLowerCase())
    throw new ReceiptsRootMismatchError({ expected: receiptsRoot, computed, count: receipts.length })
  checkUncommittedFields({ receipts, blockHash, blockNumber, transactionHashes })
  return receipts
}

function checkUncommittedFields({ receipts, blockHash, blockNumber, transactionHashes }: Omit<VerifyReceiptsParameters, 'receiptsRoot'>) {
  if (transactionHashes && transactionHashes.length !== receipts.length)
    throw new InvalidReceiptError({ index: receipts.length, field: 'count', reason: `is ${receipts.length}, the block has ${transactionHashes.length} transactions` })
  const hash = blockHash.toLowerCase()
  let logIndex = 0n
  let previousCumulative = 0n
  for (const [index, receipt] of receipts.entries()) {
    const fail = (field: string, reason: string) => new InvalidReceiptError({ index, field, reason })
    if (receipt.blockHash?.toLowerCase() !== hash) throw fail('blockHash', `is ${receipt.blockHash}, expected ${hash}`)
    if (hexToBigInt(receipt.blockNumber) !== blockNumber) throw fail('blockNumber', `is ${receipt.blockNumber}, expected ${blockNumber}`)
    if (hexToBigInt(receipt.transactionIndex) !== BigInt(index)) throw fail('transactionIndex', `is ${receipt.transactionIndex}, expected ${index}`)
    const txHash = transactionHashes?.[index]
    if (txHash && receipt.transactionHash.toLowerCase() !== txHash.toLowerCase())
      throw fail('transactionHash', `is ${receipt.transactionHash}, the block says ${txHash}`)
    const cumulative = hexToBigInt(receipt.cumulativeGasUsed)
    if (receipt.gasUsed !== undefined && hexToBigInt(receipt.gasUsed) !== cumulative - previousCumulative)
      throw fail('gasUsed', `is ${receipt.gasUsed}, the cumulative gas says ${cumulative - previousCumulative}`)
    previousCumulative = cumulative
    for (const log of receipt.logs) {
      if (log.logIndex != null && hexToBigInt(log.logIndex) !== logIndex) throw fail('logIndex', `is ${log.logIndex}, expected ${logIndex}`)
      if (log.blockHash != null && log.blockHash.toLowerCase() !== hash) throw fail('log.blockHash', `is ${log.blockHash}`)
      if (log.transactionHash != null && log.transactionHash.toLowerCase() !== receipt.transactionHash.toLowerCase())
        throw fail('log.transactionHash', `is ${log.transactionHash}`)
      if (log.transactionIndex != null && hexToBigInt(log.transactionIndex) !== BigInt(index)) throw fail('log.transactionIndex', `is ${log.transactionIndex}`)
      if (log.removed) throw fail('log.removed', 'is true in a verified block')
      logIndex++
    }
  }
}
