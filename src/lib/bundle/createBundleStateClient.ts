import { pad } from 'viem'
import type { Hex, RpcAccountProof } from '../execution/types.ts'
import type { RpcClient } from '../rpc/createRpcClient.ts'
import type { JsonRpcRequest } from '../rpc/types.ts'
import { BundleStateMissingError } from './errors.ts'
import type { ProofBundle } from './types.ts'

/** What the bundle's state client names as the provider of every answer. */
export const BUNDLE_SOURCE = 'proof-bundle'

/**
 * An RPC client that answers eth_getProof and eth_getCode from a bundle's recorded proofs and
 * nothing else, so an offline re-run of a call verifies them with the very code that verified
 * them online (fetchVerifiedAccounts: account, storage and code-hash checks). A read the bundle
 * has no proof for is refused by name (BundleStateMissingError), never answered as empty.
 */
export function createBundleStateClient({ proofs }: { proofs: ProofBundle['proofs'] }): RpcClient {
  const accounts = new Map((proofs.accounts ?? []).map((a) => [String(a.address).toLowerCase(), a]))
  const codes = new Map(Object.entries(proofs.codes ?? {}).map(([a, c]) => [a.toLowerCase(), c]))
  const answer = ({ method, params = [] }: JsonRpcRequest): unknown => {
    const address = String((params as unknown[])[0]).toLowerCase() as Hex
    if (method === 'eth_getCode') {
      const code = codes.get(address)
      if (code === undefined) throw new BundleStateMissingError({ address, what: 'code' })
      return code
    }
    if (method !== 'eth_getProof') throw new BundleStateMissingError({ address, what: method })
    const account = accounts.get(address)
    if (!account) throw new BundleStateMissingError({ address, what: 'account' })
    const slots = ((params as unknown[])[1] as Hex[]).map((s) => pad(s, { size: 32 }).toLowerCase())
    const storageProof = slots.map((slot) => {
      const entry = account.storageProof?.find((s) => pad(s.key as Hex, { size: 32 }).toLowerCase() === slot)
      if (!entry) throw new BundleStateMissingError({ address, what: `storage slot ${slot}` })
      return entry
    })
    // A copy: the verifiers may fill in derived fields of what they accept.
    return structuredClone({ ...account, storageProof } satisfies RpcAccountProof)
  }
  const batch: RpcClient['batch'] = async (requests, verify) => {
    const results = requests.map(answer)
    return (verify ? await verify(results, BUNDLE_SOURCE) : results) as never
  }
  return {
    batch,
    request: (request, verify) => batch([request], (results, url) => (verify ? verify(results[0], url) : results[0])) as never,
    broadcast: async (request) => answer(request) as never,
    providers: () => [],
    provenFaults: () => [],
  }
}
