import type { VerifyBundleConsensusParameters, VerifyBundleConsensusReturnType } from '../../lib/bundle/verifyBundleConsensus.ts'
import { requestFromService } from './requestFromService.ts'
import type { LightClientChannel } from './toLightClientChannel.ts'

export type RequestBundleConsensusParameters = { channel: LightClientChannel; parameters: VerifyBundleConsensusParameters }

/**
 * Has the light-client service replay a proof bundle's light-client half (verifyBundleConsensus):
 * it holds the SSZ types, chain configs and BLS that takes, so the page's proof-bundle verifier
 * carries no second copy of them. A failed check comes back as its own error class.
 */
export function requestBundleConsensus({ channel, parameters }: RequestBundleConsensusParameters): Promise<VerifyBundleConsensusReturnType> {
  return requestFromService({
    channel,
    request: (id) => ({ type: 'verifyBundleConsensus', id, parameters }),
    answer: 'bundleConsensusVerified',
    value: (message) => message.result,
  })
}
