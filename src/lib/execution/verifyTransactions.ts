import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { bytesToHex, hexToBytes, keccak256 } from 'viem'
import { TransactionHashMismatchError, TransactionsRootMismatchError } from './errors.ts'
import { serializeRpcTransaction } from './serializeRpcTransaction.ts'
import type { Hex, RpcTransaction } from './types.ts'

export type VerifyTransactionsParameters = {
  /** All of the block's transactions, in order, as served with `eth_getBlockBy*(…, true)`. */
  transactions: RpcTransaction[]
  /** The verified transactions root (from a header that passed verifyBlockHeader). */
  transactionsRoot: Hex
}
/** The signed encodings, in order: keccak256 of each is its verified hash. */
export type VerifyTransactionsReturnType = Hex[]

/**
 * Re-encodes every transaction, checks each claimed hash, rebuilds the transactions trie and
 * compares its root with the verified one: then the list, order and contents are the block's.
 * (`from` is not part of the encoding: recover it from the signature when it matters.)
 */
export async function verifyTransactions({ transactions, transactionsRoot }: VerifyTransactionsParameters): Promise<VerifyTransactionsReturnType> {
  const trie = new MerklePatriciaTrie()
  const raws: Hex[] = []
  for (const [index, transaction] of transactions.entries()) {
    let raw: Hex
    try {
      raw = serializeRpcTransaction({ transaction })
    } catch {
      throw new TransactionHashMismatchError({ index, claimed: transaction.hash, computed: '0x' })
    }
    const computed = keccak256(raw)
    if (computed !== transaction.hash?.toLowerCase()) throw new TransactionHashMismatchError({ index, claimed: transaction.hash, computed })
    await trie.put(RLP.encode(index), hexToBytes(raw))
    raws.push(raw)
  }
  const computed = bytesToHex(trie.root())
  if (computed !== transactionsRoot.toLowerCase()) throw new TransactionsRootMismatchError({ expected: transactionsRoot, computed, count: transactions.length })
  return raws
}
