import type { Address } from 'viem'
import type { ActivityStore } from './activityStore.ts'
import type { VerifiedClient } from '../rpc/createVerifiedClient.ts'

export type GetNextNonceParameters = {
  /** Verified reads: the confirmed nonce ('latest'; 'pending' cannot be proven). */
  client: VerifiedClient
  activity: ActivityStore
  chainId: number
  address: Address
}

/**
 * The nonce for a new transaction: the verified confirmed count, or one past this wallet's own
 * still-pending transactions if those are ahead (the pool's view cannot be verified, ours can).
 */
export async function getNextNonce({ client, activity, chainId, address }: GetNextNonceParameters): Promise<number> {
  const [confirmed, records] = await Promise.all([client.getTransactionCount({ address }), activity.list({ chainId, from: address })])
  const pending = records.filter((r) => r.status === 'pending' && r.nonce >= confirmed).map((r) => r.nonce + 1)
  return Math.max(confirmed, ...pending)
}
