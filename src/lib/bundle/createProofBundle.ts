import type { Hex, RpcAccountProof, RpcBlockHeader, RpcReceipt, RpcTransaction, VerifiedExecutionHeader } from '../execution/types.ts'
import type { ReadEvidence } from '../rpc/recordEvidence.ts'
import { BundleBlockNotLinkedError, BundleFormatError } from './errors.ts'
import { collectCallProofs } from './collectCallProofs.ts'
import { BUNDLE_FORMAT, type BundleClaim, type BundleNetwork, type ConsensusProof, type ProofBundle, versionFor } from './types.ts'

export type CreateProofBundleParameters = {
  /** The verified header the value was read at (the read's evidence names it). */
  header: VerifiedExecutionHeader
  evidence: ReadEvidence
  claim: BundleClaim
  /** The network and the light-client data for a head the light client verified (LightClient.consensusProof). */
  consensus: (blockHash: Hex) => Promise<{ network: BundleNetwork; proof: ConsensusProof }>
  now?: Date
}

/**
 * Assembles a proof bundle from what a verified read recorded: the answers that passed
 * verification (proofs, ancestors, block and receipts) and the light-client data behind the head
 * the block is or descends from. Nothing is fetched for the execution part: a bundle holds exactly
 * what the value was checked with.
 */
export async function createProofBundle({ header, evidence, claim, consensus, now = new Date() }: CreateProofBundleParameters): Promise<ProofBundle> {
  const results = answersOf(evidence)
  const { head, ancestors } = findReadHead({ header, evidence })
  const proofs: ProofBundle['proofs'] = {}
  if (claim.kind === 'receipt') {
    const block = results('eth_getBlockByHash').find((r) => String(r.params[0]).toLowerCase() === header.blockHash.toLowerCase())?.result
    const receipts = results('eth_getBlockReceipts').find((r) => String(r.params[0]).toLowerCase() === header.blockHash.toLowerCase())?.result
    if (!block || !receipts) throw new BundleFormatError({ field: 'proofs', reason: 'could not be made: the read kept no block and receipts' })
    proofs.block = block as RpcBlockHeader & { transactions: RpcTransaction[] }
    proofs.receipts = receipts as RpcReceipt[]
  } else if (claim.kind === 'call' || claim.kind === 'calls' || claim.kind === 'preview') {
    Object.assign(proofs, collectCallProofs({ header, answers: results }))
  } else if (claim.kind !== 'block') {
    const account = results('eth_getProof').filter((r) => String(r.params[0]).toLowerCase() === claim.address.toLowerCase()).at(-1)?.result
    if (!account) throw new BundleFormatError({ field: 'proofs.account', reason: 'could not be made: the read kept no account proof' })
    proofs.account = account as RpcAccountProof
    if (claim.kind === 'code') proofs.code = results('eth_getCode').filter((r) => String(r.params[0]).toLowerCase() === claim.address.toLowerCase()).at(-1)?.result as Hex
  }
  const { network, proof } = await consensus(head.blockHash)
  return {
    format: BUNDLE_FORMAT,
    version: versionFor(claim.kind),
    createdAt: now.toISOString(),
    network,
    consensus: proof,
    block: { number: header.number.toString(), hash: header.blockHash },
    ancestors,
    claim,
    proofs,
  }
}

const answersOf = (evidence: ReadEvidence) => (method: string) =>
  evidence.answers.flatMap((a) => a.requests.flatMap((r, i) => (r.method === method ? [{ params: r.params ?? [], result: a.results[i] }] : [])))

/**
 * The light-client head a read's block is, or descends from, and the verified headers between
 * them (the resolver's walk by parent hashes, newest first, down to and including the block).
 */
export function findReadHead({ header, evidence }: { header: VerifiedExecutionHeader; evidence: ReadEvidence }): { head: VerifiedExecutionHeader; ancestors: RpcBlockHeader[] } {
  const walk = answersOf(evidence)('eth_getBlockByNumber').map((r) => r.result as RpcBlockHeader).filter((h) => h && BigInt(h.number) >= header.number)
  // Several reads merged into one record (a price's two calls) each walked down: the first walk is the one kept.
  const end = walk.findIndex((h) => h.hash.toLowerCase() === header.blockHash.toLowerCase())
  const ancestors = end >= 0 ? walk.slice(0, end + 1) : []
  const head = ancestors.length === 0 ? header : evidence.heads.find((h) => h.parentHash.toLowerCase() === ancestors[0]!.hash.toLowerCase())
  if (!head) throw new BundleBlockNotLinkedError({ blockHash: header.blockHash, reason: 'the read reached it from no head the light client verified' })
  return { head, ancestors }
}
