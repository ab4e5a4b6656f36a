import { createProofBundle } from '../../lib/bundle/createProofBundle.ts'
import type { BundleClaim, ProofBundle } from '../../lib/bundle/types.ts'
import type { ChainEngine } from './createChainEngine.ts'
import type { ValueEvidence } from './readWithEvidence.ts'

/**
 * The proof bundle of a value on screen: its recorded proofs, and the light-client data behind
 * its head, fetched by the worker from the checkpoint (bootstrap and hand-overs, checked there on
 * arrival). `latchkey verify-bundle` re-checks it offline.
 */
export async function exportProof({ engine, evidence }: { engine: ChainEngine; evidence: ValueEvidence & { claim: BundleClaim } }): Promise<ProofBundle> {
  return createProofBundle({
    header: evidence.header,
    evidence: evidence.read,
    claim: evidence.claim,
    consensus: (blockHash) => engine.lightClient.bundleConsensus(blockHash),
  })
}

/** A file name that says what the bundle proves and where. */
export function bundleFileName(bundle: ProofBundle): string {
  return `latchkey-proof-${bundle.claim.kind}-block-${bundle.block.number}.json`
}
