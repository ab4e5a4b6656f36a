import type { BlsBackend } from '../consensus/bls/BlsBackend.ts'
import type { Hex } from '../execution/types.ts'
import { verifyBundleConsensus } from './verifyBundleConsensus.ts'
import { type VerifyProofBundleReturnType, verifyProofBundleWith } from './verifyProofBundleWith.ts'

export type { VerifyProofBundleReturnType } from './verifyProofBundleWith.ts'

export type VerifyProofBundleParameters = {
  /** The bundle as parsed JSON (untrusted: its shape is checked too). */
  bundle: unknown
  /** The root the user trusts; without it the bundle's own checkpoint is used (and the result says so). */
  checkpoint?: Hex
  bls: BlsBackend
}

/**
 * Re-checks a proof bundle with no network, all in this thread (the CLI, tests): the light client
 * replayed from the checkpoint (verifyBundleConsensus), then the block and the value
 * (verifyProofBundleWith). Throws the first check that fails, as its own error class.
 */
export function verifyProofBundle({ bundle, checkpoint, bls }: VerifyProofBundleParameters): Promise<VerifyProofBundleReturnType> {
  return verifyProofBundleWith({ bundle, checkpoint, verifyConsensus: (parameters) => verifyBundleConsensus({ ...parameters, bls }) })
}
