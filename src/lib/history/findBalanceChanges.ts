import type { Address, RpcAccountProof, VerifiedAccount } from '../execution/types.ts'
import { EMPTY_CODE_HASH, verifyAccountProof } from '../execution/verifyAccountProof.ts'
import type { RpcClient } from '../rpc/createRpcClient.ts'
import type { HistoryHeader } from './types.ts'

export type FindBalanceChangesParameters = {
  client: RpcClient
  address: Address
  /** Verified headers, ascending and contiguous; the first is the baseline (the block before the range). */
  headers: HistoryHeader[]
  /** Proofs per JSON-RPC batch (default 64). */
  batchSize?: number
  onProgress?: (proofs: number) => void
}
export type FindBalanceChangesReturnType = {
  /** Indexes into `headers` of the blocks after which the account's balance, nonce or code differ from the block before. */
  changed: number[]
  /** The proven account at each header that was asked (index into `headers`). */
  accounts: Map<number, VerifiedAccount>
  proofs: number
}

/**
 * The blocks in which the account's ETH balance or nonce changed, found by bisection over account
 * proofs (EIP-1186) at verified block boundaries: a level of the bisection is one batch. For an
 * account without code, equal balance and nonce at both ends of a stretch prove nothing moved in
 * it (its balance can only fall through its own transactions, which raise the nonce); an account
 * with code (a contract, an EIP-7702 delegation) can pay out without a nonce change, so its
 * stretches are split down to single blocks (where only a net change is seen).
 */
export async function findBalanceChanges({ client, address, headers, batchSize = 64, onProgress }: FindBalanceChangesParameters): Promise<FindBalanceChangesReturnType> {
  const accounts = new Map<number, VerifiedAccount>()
  let proofs = 0
  const prove = async (indexes: number[]) => {
    const wanted = [...new Set(indexes)].filter((i) => !accounts.has(i))
    for (let start = 0; start < wanted.length; start += batchSize) {
      const slice = wanted.slice(start, start + batchSize)
      const proven = await client.batch(
        slice.map((i) => ({ method: 'eth_getProof', params: [address, [], { blockHash: headers[i].hash }] })),
        (results) => Promise.all(results.map((proof, k) => verifyAccountProof({ address, stateRoot: headers[slice[k]].stateRoot, proof: proof as RpcAccountProof }))),
      )
      for (const [k, account] of proven.entries()) accounts.set(slice[k], account)
      proofs += slice.length
      onProgress?.(proofs)
    }
  }
  const last = headers.length - 1
  await prove([0, last])
  const changed: number[] = []
  let stretches: [number, number][] = last > 0 ? [[0, last]] : []
  while (stretches.length > 0) {
    const next: [number, number][] = []
    for (const [lo, hi] of stretches) {
      const a = accounts.get(lo)!
      const b = accounts.get(hi)!
      if (hi === lo + 1) {
        if (a.balance !== b.balance || a.nonce !== b.nonce || a.codeHash !== b.codeHash) changed.push(hi)
      } else if (!provablyUnchanged(a, b)) {
        const mid = (lo + hi) >> 1
        next.push([lo, mid], [mid, hi])
      }
    }
    await prove(next.map(([, hi], k) => (k % 2 === 0 ? hi : -1)).filter((i) => i >= 0))
    stretches = next
  }
  return { changed: changed.sort((a, b) => a - b), accounts, proofs }
}

/** Within one block a contract's ETH can come and go with no net change: such movements are not listed. */
function provablyUnchanged(a: VerifiedAccount, b: VerifiedAccount): boolean {
  if (a.codeHash !== EMPTY_CODE_HASH || b.codeHash !== EMPTY_CODE_HASH) return false
  return a.balance === b.balance && a.nonce === b.nonce
}
