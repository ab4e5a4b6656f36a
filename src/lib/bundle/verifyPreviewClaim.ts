import type { Address, RpcBlockHeader, VerifiedExecutionHeader } from '../execution/types.ts'
import { PreviewNotProvenError } from '../execution/errors.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import { fetchVerifiedAccounts } from '../rpc/fetchVerifiedAccounts.ts'
import { parseCallRequest } from '../rpc/parseCallRequest.ts'
import { createBundleStateClient } from './createBundleStateClient.ts'
import { BundleClaimMismatchError, BundleFormatError } from './errors.ts'
import { toPreviewOutcome } from './toPreviewOutcome.ts'
import type { BundleClaim, PreviewOutcome, ProofBundle } from './types.ts'

export type VerifyPreviewClaimParameters = {
  claim: Extract<BundleClaim, { kind: 'preview' }>
  proofs: ProofBundle['proofs']
  /** The block's header as the light client's chain vouches for it (hash and state root). */
  header: VerifiedExecutionHeader
  chainId: number
}

/** A row as text with its keys in one order: the claim's rows compare by content, not by how the file spells them. */
const canonical = (row: unknown) => JSON.stringify(row, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v))

/**
 * Re-runs a bundle's preview offline: the full header must hash to the verified block hash, then
 * the very simulation the review ran (previewTransaction in the local EVM) runs the transaction
 * over the bundle's proofs alone, each account, slot and code verified against the state root as
 * it is read, and what it shows (the revert, every balance change, approval and delegation change)
 * must be the claimed one, row for row: a row more or less is a mismatch.
 */
export async function verifyPreviewClaim({ claim, proofs, header, chainId }: VerifyPreviewClaimParameters): Promise<PreviewOutcome> {
  if (!proofs.header || !Array.isArray(proofs.accounts)) throw new BundleFormatError({ field: 'proofs', reason: 'of a preview lack the block header and the account proofs' })
  const full = verifyBlockHeader({ header: proofs.header, blockHash: header.blockHash }) as RpcBlockHeader
  const call = parseCallRequest({ call: claim.transaction, method: 'eth_call' })
  if (!call.from) throw new BundleFormatError({ field: 'claim.transaction', reason: 'of a preview needs `from` (whose balances change)' })
  const client = createBundleStateClient({ proofs })
  const { previewTransaction } = await import('../execution/previewTransaction.ts')
  const preview = await previewTransaction({
    transaction: { ...call, from: call.from as Address },
    header: full,
    chainId,
    fetchProofs: (requests) => fetchVerifiedAccounts({ client, header, requests }),
  }).catch((error) => {
    // The first check that failed is the bundle's answer (a proof node, a missing slot), not "no preview".
    throw error instanceof PreviewNotProvenError && error.errors[0] ? error.errors[0] : error
  })
  const proven = toPreviewOutcome(preview)
  const compare = (field: string, claimed: unknown, shown: unknown) => {
    const [a, b] = [claimed, shown].map((x) => (Array.isArray(x) ? x.map(canonical).sort().join(', ') : canonical(x)))
    if (a !== b) throw new BundleClaimMismatchError({ field: `preview ${field}`, claimed: `[${a}]`, proven: `[${b}]` })
  }
  compare('revert', claim.reverted, proven.reverted)
  compare('balance changes', claim.changes, proven.changes)
  compare('approvals', claim.approvals, proven.approvals)
  compare('delegation changes', claim.delegationChanges, proven.delegationChanges)
  return proven
}
