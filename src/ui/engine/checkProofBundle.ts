import { BundleFormatError } from '../../lib/bundle/errors.ts'
import type { VerifyProofBundleReturnType } from '../../lib/bundle/verifyProofBundle.ts'
import type { Hex } from '../../lib/execution/types.ts'

/**
 * Re-checks a proof bundle's text in this page with no network, as `latchkey verify-bundle`
 * does: the same verifier, with the browser's BLS backend. The verifier and the EVM load on first
 * use (a screen few users open should not weigh on the others; see loadProofVerifier).
 */
export async function checkProofBundle({ text, checkpoint }: { text: string; checkpoint: Hex | undefined }): Promise<VerifyProofBundleReturnType> {
  let bundle: unknown
  try {
    bundle = JSON.parse(text)
  } catch (cause) {
    throw new BundleFormatError({ field: 'the file', reason: `is not JSON (${(cause as Error).message})` })
  }
  const { verifyProofBundle, nobleBls } = await loadProofVerifier()
  return verifyProofBundle({ bundle, checkpoint, bls: nobleBls })
}

/**
 * Loads everything a check runs (the verifier, BLS, the EVM a call or preview bundle re-runs in), so that
 * once it resolves a bundle can be checked with the network off.
 */
export async function loadProofVerifier() {
  const [{ verifyProofBundle }, { nobleBls }, { loadEvmModules }] = await Promise.all([
    import('../../lib/bundle/verifyProofBundle.ts'),
    import('../../lib/consensus/bls/nobleBls.ts'),
    import('../../lib/execution/createVerifiedEvm.ts'),
    import('../../lib/execution/runVerifiedCall.ts'),
    // A preview bundle re-runs the review's simulation.
    import('../../lib/execution/previewTransaction.ts'),
  ])
  await loadEvmModules()
  return { verifyProofBundle, nobleBls }
}
