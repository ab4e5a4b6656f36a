import { pad } from 'viem'
import type { Hex, ProofRequest, ProvenAccount, RpcAccountProof, VerifiedExecutionHeader } from '../execution/types.ts'
import { verifyAccountProof } from '../execution/verifyAccountProof.ts'
import { verifyCodeHash } from '../execution/verifyCodeHash.ts'
import { verifyStorageProof } from '../execution/verifyStorageProof.ts'
import type { RpcClient } from './createRpcClient.ts'

export type FetchVerifiedAccountsParameters = {
  client: RpcClient
  header: Pick<VerifiedExecutionHeader, 'blockHash' | 'stateRoot'>
  requests: ProofRequest[]
}

/**
 * Fetches EIP-1186 proofs (and code) for several accounts in one JSON-RPC batch from one provider
 * and verifies all of them against the block's state root; a provider serving anything that does
 * not verify is marked faulty and the whole batch is asked from the next one.
 */
export async function fetchVerifiedAccounts({ client, header, requests }: FetchVerifiedAccountsParameters): Promise<ProvenAccount[]> {
  const at = { blockHash: header.blockHash }
  const slotsOf = requests.map((r) => r.slots.map((slot) => pad(slot, { size: 32 })))
  const batch = requests.flatMap((r, i) => [
    { method: 'eth_getProof', params: [r.address, slotsOf[i], at] },
    ...(r.code ? [{ method: 'eth_getCode', params: [r.address, at] }] : []),
  ])
  return client.batch(batch, async (results) => {
    let cursor = 0
    const proven: ProvenAccount[] = []
    for (const [i, request] of requests.entries()) {
      const proof = results[cursor++] as RpcAccountProof
      const code = request.code ? (results[cursor++] as Hex) : undefined
      const account = await verifyAccountProof({ address: request.address, stateRoot: header.stateRoot, proof })
      const storage = new Map<Hex, bigint>()
      for (const [j, slot] of slotsOf[i].entries()) {
        const entry = proof.storageProof?.[j] ?? { proof: [], value: '0x0' }
        storage.set(slot, await verifyStorageProof({ address: request.address, storageRoot: account.storageRoot, slot, proof: entry }))
      }
      proven.push({
        account,
        storage,
        code: code === undefined ? undefined : verifyCodeHash({ address: request.address, codeHash: account.codeHash, code }),
      })
    }
    return proven
  })
}
