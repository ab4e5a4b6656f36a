import type { Hex, RpcBlockHeader, VerifiedExecutionHeader } from '../execution/types.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import { fetchVerifiedAccounts } from '../rpc/fetchVerifiedAccounts.ts'
import { parseCallRequest } from '../rpc/parseCallRequest.ts'
import { createBundleStateClient } from './createBundleStateClient.ts'
import { BundleClaimMismatchError, BundleFormatError } from './errors.ts'
import type { BundleCall, BundleClaim, ProofBundle } from './types.ts'

export type VerifyCallClaimParameters = {
  claim: Extract<BundleClaim, { kind: 'call' | 'calls' }>
  proofs: ProofBundle['proofs']
  /** The block's header as the light client's chain vouches for it (hash and state root). */
  header: VerifiedExecutionHeader
  chainId: number
}

/** Each call's verified outcome, in the claim's order. */
export type VerifyCallClaimReturnType = { returnData: Hex; gasUsed: bigint }[]

/**
 * Re-runs a bundle's call, or each of its calls, offline: the full header must hash to the
 * verified block hash, then the local EVM (the one the app and the CLI call with) runs every call
 * on its own (as eth_call does, none sees another's effects) over the bundle's proofs, each
 * verified against the state root as the EVM reads it; each return data must be the claimed one.
 */
export async function verifyCallClaim({ claim, proofs, header, chainId }: VerifyCallClaimParameters): Promise<VerifyCallClaimReturnType> {
  if (!proofs.header || !Array.isArray(proofs.accounts)) throw new BundleFormatError({ field: 'proofs', reason: 'of a call lack the block header and the account proofs' })
  const full = verifyBlockHeader({ header: proofs.header, blockHash: header.blockHash }) as RpcBlockHeader
  const client = createBundleStateClient({ proofs })
  const { runVerifiedCall } = await import('../execution/runVerifiedCall.ts')
  const calls: BundleCall[] = claim.kind === 'call' ? [claim] : claim.calls
  const outcomes: VerifyCallClaimReturnType = []
  for (const [i, claimed] of calls.entries()) {
    // Named by its place and data when there are several: the failing check says which call it was.
    const which = claim.kind === 'call' ? 'call' : `call ${i + 1} of ${calls.length} (data ${String(claimed.call.data ?? claimed.call.input ?? '0x').slice(0, 10)})`
    const outcome = await runVerifiedCall({
      call: parseCallRequest({ call: claimed.call, method: 'eth_call' }),
      header: full,
      chainId,
      fetchProofs: (requests) => fetchVerifiedAccounts({ client, header, requests }),
    })
    if (outcome.error) throw new BundleClaimMismatchError({ field: `${which} outcome`, claimed: 'returned', proven: `failed (${outcome.error})` })
    if (outcome.returnData.toLowerCase() !== String(claimed.result).toLowerCase())
      throw new BundleClaimMismatchError({ field: `${which} result`, claimed: String(claimed.result), proven: outcome.returnData })
    outcomes.push({ returnData: outcome.returnData, gasUsed: outcome.gasUsed })
  }
  return outcomes
}
