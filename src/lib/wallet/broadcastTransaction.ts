import type { Hash, Hex } from 'viem'
import { keccak256 } from 'viem'
import { BroadcastHashMismatchError, TransactionRejectedError } from './errors.ts'
import type { VerifiedClient } from '../rpc/createVerifiedClient.ts'

export type BroadcastTransactionParameters = {
  /** The app's client broadcasts to every configured RPC (src/lib/rpc eth_sendRawTransaction). */
  client: VerifiedClient
  serializedTransaction: Hex
}

/** Sends a signed transaction; the hash is computed locally and the RPC's answer must match it. */
export async function broadcastTransaction({ client, serializedTransaction }: BroadcastTransactionParameters): Promise<Hash> {
  const hash = keccak256(serializedTransaction)
  let returned: Hash
  try {
    returned = await client.sendRawTransaction({ serializedTransaction })
  } catch (cause) {
    throw new TransactionRejectedError({ hash, cause })
  }
  if (returned.toLowerCase() !== hash) throw new BroadcastHashMismatchError({ expected: hash, returned })
  return hash
}
