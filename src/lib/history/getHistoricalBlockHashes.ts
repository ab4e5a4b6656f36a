import { numberToHex } from 'viem'
import type { Hex, VerifiedExecutionHeader } from '../execution/types.ts'
import { EMPTY_CODE_HASH } from '../execution/verifyAccountProof.ts'
import type { RpcClient } from '../rpc/createRpcClient.ts'
import { fetchVerifiedAccounts } from '../rpc/fetchVerifiedAccounts.ts'
import { HISTORY_SERVE_WINDOW, HISTORY_STORAGE_ADDRESS } from './constants.ts'

export type GetHistoricalBlockHashesParameters = {
  client: RpcClient
  /** A verified header whose state holds the hashes (EIP-2935: the HISTORY_SERVE_WINDOW blocks before it). */
  head: Pick<VerifiedExecutionHeader, 'number' | 'blockHash' | 'stateRoot'>
  numbers: bigint[]
}

/**
 * Block hashes proven from the EIP-2935 history contract's storage with one `eth_getProof` against
 * the head's state root (EIP-1186): each is as trusted as the head. Numbers outside the window, or
 * on a chain without the contract (before Prague), are left out: the caller walks parent hashes.
 */
export async function getHistoricalBlockHashes({ client, head, numbers }: GetHistoricalBlockHashesParameters): Promise<Map<bigint, Hex>> {
  const wanted = numbers.filter((n) => n < head.number && head.number - n <= HISTORY_SERVE_WINDOW)
  const hashes = new Map<bigint, Hex>()
  if (wanted.length === 0) return hashes
  const slots = wanted.map((n) => numberToHex(n % HISTORY_SERVE_WINDOW, { size: 32 }))
  const [proven] = await fetchVerifiedAccounts({ client, header: head, requests: [{ address: HISTORY_STORAGE_ADDRESS, slots, code: false }] })
  if (!proven.account.exists || proven.account.codeHash === EMPTY_CODE_HASH) return hashes
  for (const [i, n] of wanted.entries()) {
    const value = proven.storage.get(slots[i])
    if (value) hashes.set(n, numberToHex(value, { size: 32 }))
  }
  return hashes
}
