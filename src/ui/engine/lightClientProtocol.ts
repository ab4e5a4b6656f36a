import type { EndpointHealth } from '../../lib/consensus/BeaconEndpointPool.ts'
import { type ErrorData, toErrorData } from '../../lib/errorData.ts'
import type { LightClient, LightClientEvent, LightClientState } from '../../lib/consensus/LightClient.ts'
import type { ConsensusHeader } from '../../lib/consensus/toConsensusHeader.ts'
import type { BlockSelector, VerifiedExecutionHeader } from '../../lib/execution/types.ts'
import type { HeadEvidence } from '../../lib/consensus/headRecord.ts'
import type { BundleNetwork, ConsensusProof } from '../../lib/bundle/types.ts'
import type { VerifyBundleConsensusParameters, VerifyBundleConsensusReturnType } from '../../lib/bundle/verifyBundleConsensus.ts'
import type { ConnectPlan } from './prepareConnect.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'

/** LightClientState with its typed error as data: structured clone would drop an error's class and fields (which endpoint lied, with what). */
export type StateData = Omit<LightClientState, 'error'> & { error: ErrorData | undefined }

export type ToWorker =
  | { type: 'start'; network: NetworkSettings }
  | { type: 'stop' }
  | { type: 'header'; id: number; block: BlockSelector }
  /** How the light client came to trust this execution block (for "What was checked"). */
  | { type: 'headEvidence'; id: number; blockHash: string }
  /** The light-client part of a proof bundle for this block, with the network as a bundle names it. */
  | { type: 'bundleConsensus'; id: number; blockHash: string }
  /** A `#/connect` link's review (prepareConnect): the worker holds Lodestar's config code already, the page need not load a copy. */
  | { type: 'prepareConnect'; id: number; query: string; networks: NetworkSettings[] }
  /** A proof bundle's light-client half replayed (verifyBundleConsensus): the worker holds the SSZ, configs and BLS it takes. */
  | { type: 'verifyBundleConsensus'; id: number; parameters: VerifyBundleConsensusParameters }

export type FromWorker =
  /** The worker's module is loaded and listening (messages sent before that would be lost). */
  | { type: 'loaded' }
  | { type: 'ready'; genesisTime: number; secondsPerSlot: number; state: StateData }
  /** `evidence`: how the state's or event's heads were trusted, by execution block hash (headEvidenceOf). */
  | { type: 'state'; state: StateData; evidence?: HeldEvidence }
  | { type: 'head'; finalized: ConsensusHeader; optimistic: ConsensusHeader; evidence?: HeldEvidence }
  | { type: 'header'; id: number; header?: VerifiedExecutionHeader; error?: ErrorData }
  | { type: 'headEvidence'; id: number; evidence: HeadEvidence | undefined }
  | { type: 'bundleConsensus'; id: number; parts?: BundleConsensus; error?: ErrorData }
  | { type: 'failed'; error: ErrorData }
  | { type: 'connectPlan'; id: number; plan?: ConnectPlan; error?: ErrorData }
  | { type: 'bundleConsensusVerified'; id: number; result?: VerifyBundleConsensusReturnType; error?: ErrorData }
  | { type: 'stopped' }

/** What a proof bundle takes from the light client: the network's identity and the consensus proof. */
export type BundleConsensus = { network: BundleNetwork; proof: ConsensusProof }

/**
 * What the page needs of a light client, wherever it runs: the LightClient itself on the main
 * thread, or WorkerLightClient proxying one in a worker.
 */
export type LightClientHandle = {
  readonly state: LightClientState
  readonly currentSlot: number
  readonly pool: { readonly health: EndpointHealth[] }
  subscribe(listener: (event: LightClientEvent) => void): () => void
  start(): Promise<void>
  stop(): Promise<void>
  getExecutionHeader(block: BlockSelector): Promise<VerifiedExecutionHeader>
  /** How the light client came to trust a recent head (its slot, signers, finalized checkpoint), or undefined. */
  headEvidence(blockHash: string): Promise<HeadEvidence | undefined>
  /** The light-client data a proof bundle needs for a recent head (bootstrap and hand-overs fetched and checked). */
  bundleConsensus(blockHash: string): Promise<BundleConsensus>
}

/** Head evidence by lower-case execution block hash, as sent with the heads. */
export type HeldEvidence = Record<string, HeadEvidence>

/** The light client's record of each head that has one (the checkpoint's, an attested or a finalized head). */
export function headEvidenceOf({ client, heads }: { client: Pick<LightClient, 'headEvidence'>; heads: (ConsensusHeader | undefined)[] }): HeldEvidence {
  const held: HeldEvidence = {}
  for (const head of heads) {
    const hash = head?.execution?.blockHash.toLowerCase()
    const evidence = hash && client.headEvidence(hash)
    if (evidence) held[hash] = evidence
  }
  return held
}

export function toStateData(state: LightClientState): StateData {
  return { ...state, error: state.error && toErrorData(state.error) }
}
