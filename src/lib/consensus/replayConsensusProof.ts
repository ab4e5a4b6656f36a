import type { LightClientUpdate } from '@lodestar/types'
import { hexToBytes } from 'viem'
import type { ConsensusProof } from '../bundle/types.ts'
import type { BlsBackend } from './bls/BlsBackend.ts'
import { decodeLightClientData } from './decodeLightClientData.ts'
import type { Network } from './networks.ts'
import { createNetworkConfig } from './networks.ts'
import { initializeLightClientStore } from './spec/initializeLightClientStore.ts'
import type { SpecContext } from './spec/LightClientStore.ts'
import { processLightClientUpdate } from './spec/processLightClientUpdate.ts'
import { countParticipants, isFinalityUpdate } from './spec/updatePredicates.ts'
import { type ConsensusHeader, toConsensusHeader } from './toConsensusHeader.ts'

export type ReplayConsensusProofParameters = {
  network: Network
  proof: ConsensusProof
  /** The root the replay starts from (the user's, or the bundle's own when the user gave none). */
  trustedRoot: `0x${string}`
  bls: BlsBackend
}

/** The headers a replay ended up trusting, and how. */
export type ReplayConsensusProofReturnType = {
  /** Each header the head update made trusted ('attested' when it became the optimistic head, 'finalized' by its finality branch), or the checkpoint's. */
  trusted: { via: 'attested' | 'finalized' | 'checkpoint'; header: ConsensusHeader }[]
  participants: number | undefined
  signatureSlot: number | undefined
  finalized: ConsensusHeader
}

/**
 * Replays a light client from a trusted root with no network: the bootstrap must belong to the
 * root, every hand-over and the head update must pass the spec's process_light_client_update
 * (signatures, branches, participation), each failure its typed error (TrustedRootMismatchError,
 * InvalidSyncSignatureError, InvalidMerkleBranchError, ...). Each update is checked as of its own
 * signature slot: the bundle says nothing about today's clock.
 */
export function replayConsensusProof({ network, proof, trustedRoot, bls }: ReplayConsensusProofParameters): ReplayConsensusProofReturnType {
  const config = createNetworkConfig(network)
  const context: SpecContext = { config, bls }
  const url = 'the bundle'
  const bootstrap = decodeLightClientData({ config, kind: 'bootstrap', json: proof.bootstrap, url }).value
  const store = initializeLightClientStore({ config, trustedBlockRoot: hexToBytes(trustedRoot), bootstrap })
  for (const json of proof.updates) {
    const update = decodeLightClientData({ config, kind: 'update', json, url }).value
    processLightClientUpdate({ context, store, update, currentSlot: update.signatureSlot })
  }
  if (!proof.head) return { trusted: [{ via: 'checkpoint', header: toConsensusHeader(store.finalizedHeader) }], participants: undefined, signatureSlot: undefined, finalized: toConsensusHeader(store.finalizedHeader) }
  const head: LightClientUpdate = decodeLightClientData({ config, kind: 'update', json: proof.head, url }).value
  processLightClientUpdate({ context, store, update: head, currentSlot: head.signatureSlot })
  const trusted: ReplayConsensusProofReturnType['trusted'] = []
  // Only what the spec let the update move is trusted: too few signers leave the optimistic head where it was.
  if (store.optimisticHeader === head.attestedHeader) trusted.push({ via: 'attested', header: toConsensusHeader(head.attestedHeader) })
  if (isFinalityUpdate(head) && store.finalizedHeader === head.finalizedHeader) trusted.push({ via: 'finalized', header: toConsensusHeader(head.finalizedHeader) })
  return { trusted, participants: countParticipants(head), signatureSlot: head.signatureSlot, finalized: toConsensusHeader(store.finalizedHeader) }
}
