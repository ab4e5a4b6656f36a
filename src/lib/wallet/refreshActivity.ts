import type { Address, TransactionReceipt } from 'viem'
import { TransactionReceiptNotFoundError } from 'viem'
import type { ActivityRecord, ActivityStore } from './activityStore.ts'
import { WalletSentDifferentTransactionError } from './errors.ts'
import { verifyWalletTransaction } from './verifyWalletTransaction.ts'
import type { VerifiedClient } from '../rpc/createVerifiedClient.ts'

export type RefreshActivityParameters = {
  /** Receipts and nonces are read through this (verified) client. */
  client: VerifiedClient
  activity: ActivityStore
  chainId: number
  from?: Address
  now?: () => number
}

async function receiptOf(client: VerifiedClient, hash: ActivityRecord['hash']): Promise<TransactionReceipt | undefined> {
  try {
    return await client.getTransactionReceipt({ hash })
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined
    throw error
  }
}

/** What a browser wallet broadcast for us, read from its verified block (the verified transport's eth_getTransactionByHash). */
async function checkWalletTransaction(client: VerifiedClient, r: ActivityRecord): Promise<NonNullable<ActivityRecord['walletCheck']>> {
  const found = await client.getTransaction({ hash: r.hash })
  try {
    verifyWalletTransaction({ hash: r.hash, from: r.from, asked: { ...r.transaction, chainId: r.chainId, nonce: r.nonce }, found })
    return { ok: true }
  } catch (error) {
    if (error instanceof WalletSentDifferentTransactionError) return { ok: false, message: error.shortMessage }
    throw error
  }
}

/**
 * Updates every pending record: success/failed from its receipt; once the account's nonce has
 * moved past it without a receipt, "replaced" if another of our transactions with that nonce
 * was mined, else "dropped". Returns the records that changed.
 */
export async function refreshActivity({ client, activity, chainId, from, now = Date.now }: RefreshActivityParameters): Promise<ActivityRecord[]> {
  const all = await activity.list({ chainId, from })
  const pending = all.filter((r) => r.status === 'pending')
  const receipts = new Map<string, TransactionReceipt | undefined>()
  await Promise.all(pending.map(async (r) => receipts.set(r.hash, await receiptOf(client, r.hash))))
  const counts = new Map<string, number>()
  const changed: ActivityRecord[] = []
  for (const r of pending) {
    const receipt = receipts.get(r.hash)
    let next: ActivityRecord | undefined
    if (receipt) {
      // The block's timestamp, from its verified header, for the receipt's age; a block that cannot be read just has no age.
      const block = await client.getBlock({ blockHash: receipt.blockHash }).catch(() => undefined)
      next = { ...r, status: receipt.status === 'success' ? 'success' : 'failed', blockNumber: receipt.blockNumber, ...(block && { blockTimestamp: block.timestamp }) }
      if (r.broadcastBy === 'wallet') next.walletCheck = await checkWalletTransaction(client, r)
    }
    else {
      const key = r.from.toLowerCase()
      if (!counts.has(key)) counts.set(key, await client.getTransactionCount({ address: r.from }))
      if (counts.get(key)! > r.nonce) {
        const sibling = all.some((o) => o.hash !== r.hash && o.from === r.from && o.nonce === r.nonce && (receipts.get(o.hash) || o.status === 'success' || o.status === 'failed'))
        next = { ...r, status: sibling ? 'replaced' : 'dropped' }
      }
    }
    if (next) {
      next.updatedAt = now()
      await activity.put(next)
      changed.push(next)
    }
  }
  return changed
}
