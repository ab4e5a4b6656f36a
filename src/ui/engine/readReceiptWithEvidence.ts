import type { Hash } from 'viem'
import type { ChainEngine } from './createChainEngine.ts'
import { type ValueEvidence, readWithEvidence } from './readWithEvidence.ts'

type ReceiptFields = { status: Hash | null; cumulativeGasUsed: Hash; logs: unknown[]; transactionIndex: Hash }

/**
 * A mined transaction's receipt read again with its evidence (all of its block's receipts against
 * the receipts root, the header linked to a verified head, who served them), as a `receipt` bundle
 * claim: what Activity shows under a sent transaction and Approvals under a grant. Undefined when
 * the verified answer is that there is no receipt.
 */
export async function readReceiptWithEvidence({ engine, hash }: { engine: ChainEngine; hash: Hash }): Promise<ValueEvidence | undefined> {
  const transactionHash = hash.toLowerCase() as Hash
  const { value, evidence } = await readWithEvidence({
    engine, method: 'eth_getTransactionReceipt', params: [transactionHash],
    decode: (result) => result as ReceiptFields | null,
    claimOf: (receipt) => ({ kind: 'receipt', transactionHash, status: receipt?.status ?? null, cumulativeGasUsed: receipt?.cumulativeGasUsed ?? '0x0', logs: receipt?.logs.length ?? 0, ...(receipt && { transactionIndex: receipt.transactionIndex }) }),
  })
  return value ? { ...evidence, transactionHash } : undefined
}
