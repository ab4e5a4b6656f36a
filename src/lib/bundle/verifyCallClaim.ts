import type { Hex, RpcBlockHeader, VerifiedExecutionHeader } from '../execution/types.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import { fetchVerifiedAccounts } from '../rpc/fetchVerifiedAccounts.ts'
import { parseCallRequest } from '../rpc/parseCallRequest.ts'
import { createBundleStateClient } from './createBundleStateClient.ts'
import { BundleClaimMismatchError, BundleFormatError } from './errors.ts'
import type { BundleClaim, ProofBundle } from './types.ts'

export type VerifyCallClaimParameters = {
  claim: Extract<BundleClaim, { kind: 'call' }>
  proofs: ProofBundle['proofs']
  /** The block's header as the light client's chain vouches for it (hash and state root). */
  header: VerifiedExecutionHeader
  chainId: number
}

/**
 * Re-runs a bundle's call offline: the full header must hash to the verified block hash, then the
 * local EVM (the one the app and the CLI call with) runs the call over the bundle's proofs, each
 * verified against the state root as the EVM reads it; the return data must be the claimed one.
 */
export async function verifyCallClaim({ claim, proofs, header, chainId }: VerifyCallClaimParameters): Promise<{ returnData: Hex; gasUsed: bigint }> {
  if (!proofs.header || !Array.isArray(proofs.accounts)) throw new BundleFormatError({ field: 'proofs', reason: 'of a call lack the block header and the account proofs' })
  const full = verifyBlockHeader({ header: proofs.header, blockHash: header.blockHash }) as RpcBlockHeader
  const call = parseCallRequest({ call: claim.call, method: 'eth_call' })
  const client = createBundleStateClient({ proofs })
  const { runVerifiedCall } = await import('../execution/runVerifiedCall.ts')
  const outcome = await runVerifiedCall({
    call,
    header: full,
    chainId,
    fetchProofs: (requests) => fetchVerifiedAccounts({ client, header, requests }),
  })
  if (outcome.error) throw new BundleClaimMismatchError({ field: 'call outcome', claimed: 'returned', proven: `failed (${outcome.error})` })
  if (outcome.returnData.toLowerCase() !== String(claim.result).toLowerCase())
    throw new BundleClaimMismatchError({ field: 'call result', claimed: String(claim.result), proven: outcome.returnData })
  return { returnData: outcome.returnData, gasUsed: outcome.gasUsed }
}
