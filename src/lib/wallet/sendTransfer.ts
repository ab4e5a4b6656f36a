import type { Hash, Hex, LocalAccount, TransactionSerializableEIP1559 } from 'viem'
import type { ActivityRecord, ActivityStore } from './activityStore.ts'
import { broadcastTransaction } from './broadcastTransaction.ts'
import { signTransfer } from './signTransfer.ts'
import type { VerifiedClient } from '../rpc/createVerifiedClient.ts'

export type SendTransferParameters = {
  client: VerifiedClient
  account: LocalAccount
  /** The reviewed transaction and what the user saw (from prepareTransfer or createReplacement). */
  transaction: TransactionSerializableEIP1559 & { chainId: number; nonce: number }
  summary: ActivityRecord['summary']
  kind?: ActivityRecord['kind']
  /** For speed-up / cancel: the transaction being replaced. */
  replaces?: Hash
  activity: ActivityStore
  now?: () => number
}
export type SendTransferReturnType = { hash: Hash; serializedTransaction: Hex; record: ActivityRecord }

/** Sign, broadcast, and record in activity. The record is written only once a node accepted the transaction. */
export async function sendTransfer({
  client,
  account,
  transaction,
  summary,
  kind = 'send',
  replaces,
  activity,
  now = Date.now,
}: SendTransferParameters): Promise<SendTransferReturnType> {
  const serializedTransaction = await signTransfer({ account, from: account.address, transaction })
  const hash = await broadcastTransaction({ client, serializedTransaction })
  const t = now()
  const record: ActivityRecord = {
    hash,
    chainId: transaction.chainId,
    from: account.address,
    nonce: transaction.nonce,
    kind,
    transaction,
    summary,
    status: 'pending',
    ...(replaces ? { replaces } : {}),
    submittedAt: t,
    updatedAt: t,
  }
  await activity.put(record)
  if (replaces) {
    const original = await activity.get(replaces)
    if (original) await activity.put({ ...original, replacedBy: [...(original.replacedBy ?? []), hash], updatedAt: t })
  }
  return { hash, serializedTransaction, record }
}
