import type { Hash, TransactionSerializableEIP1559 } from 'viem'
import type { ActivityRecord, ActivityStore } from './activityStore.ts'
import type { ExternalSigner } from './createExternalSigner.ts'

export type SendThroughWalletParameters = {
  /** A browser wallet that refused eth_signTransaction (createExternalSigner). */
  signer: Pick<ExternalSigner, 'account' | 'sendTransaction'>
  /** The reviewed transaction: nonce, gas and fees computed from verified state (prepareTransfer). */
  transaction: TransactionSerializableEIP1559 & { chainId: number; nonce: number }
  summary: ActivityRecord['summary']
  activity: ActivityStore
  now?: () => number
}
export type SendThroughWalletReturnType = { hash: Hash; record: ActivityRecord }

/**
 * The wallet signs and broadcasts through its own RPC (eth_sendTransaction): Latchkey cannot see the
 * signed bytes, so it only gets a hash. The record is marked broadcastBy 'wallet': refreshActivity
 * then checks the transaction found under that hash in a verified block against the reviewed one
 * before calling it a success.
 */
export async function sendThroughWallet({ signer, transaction, summary, activity, now = Date.now }: SendThroughWalletParameters): Promise<SendThroughWalletReturnType> {
  const hash = await signer.sendTransaction(transaction)
  const t = now()
  const record: ActivityRecord = {
    hash,
    chainId: transaction.chainId,
    from: signer.account.address,
    nonce: transaction.nonce,
    kind: 'send',
    transaction,
    summary,
    status: 'pending',
    broadcastBy: 'wallet',
    submittedAt: t,
    updatedAt: t,
  }
  await activity.put(record)
  return { hash, record }
}
