import { BundleFormatError } from '../../lib/bundle/errors.ts'
import type { VerifyProofBundleReturnType } from '../../lib/bundle/verifyProofBundleWith.ts'
import type { Hex } from '../../lib/execution/types.ts'
import { requestBundleConsensus } from './requestBundleConsensus.ts'
import type { LightClientChannel } from './toLightClientChannel.ts'

/** Where the light-client half of a check runs: the light-client service (SyncState.withLightClientService). */
export type WithLightClientService = <T>(use: (channel: LightClientChannel) => Promise<T>) => Promise<T>

/**
 * Re-checks a proof bundle's text in this page with no network, as `latchkey verify-bundle`
 * does: the same verifiers, the light client replayed in the light-client worker (its code, BLS
 * included, is loaded there already; the page carries no second copy). The verifier and the EVM
 * load on first use (a screen few users open should not weigh on the others; see loadProofVerifier).
 */
export async function checkProofBundle({ text, checkpoint, withService }: { text: string; checkpoint: Hex | undefined; withService: WithLightClientService }): Promise<VerifyProofBundleReturnType> {
  let bundle: unknown
  try {
    bundle = JSON.parse(text)
  } catch (cause) {
    throw new BundleFormatError({ field: 'the file', reason: `is not JSON (${(cause as Error).message})` })
  }
  const { verifyProofBundleWith } = await loadProofVerifier({ withService })
  return verifyProofBundleWith({ bundle, checkpoint, verifyConsensus: (parameters) => withService((channel) => requestBundleConsensus({ channel, parameters })) })
}

/**
 * Loads everything a check runs (the verifier, the EVM a call or preview bundle re-runs in, the
 * light-client service that replays the consensus part), so that once it resolves a bundle can be
 * checked with the network off.
 */
export async function loadProofVerifier({ withService }: { withService: WithLightClientService }) {
  const [{ verifyProofBundleWith }, { loadEvmModules }] = await Promise.all([
    import('../../lib/bundle/verifyProofBundleWith.ts'),
    import('../../lib/execution/createVerifiedEvm.ts'),
    import('../../lib/execution/runVerifiedCall.ts'),
    // A preview bundle re-runs the review's simulation.
    import('../../lib/execution/previewTransaction.ts'),
    // The service's code loaded (its worker, or its bundle on the page).
    withService(async () => {}),
  ])
  await loadEvmModules()
  return { verifyProofBundleWith }
}
