import bls from '@chainsafe/bls'
import type { BeaconConfig } from '@lodestar/config'
import type { SyncCommitteeFast } from '@lodestar/light-client'
import { getParticipantPubkeys, isValidMerkleBranch, sumBits } from '@lodestar/light-client/utils'
import {
  DOMAIN_SYNC_COMMITTEE, FINALIZED_ROOT_DEPTH, FINALIZED_ROOT_DEPTH_ELECTRA, FINALIZED_ROOT_INDEX, FINALIZED_ROOT_INDEX_ELECTRA,
  MIN_SYNC_COMMITTEE_PARTICIPANTS, NEXT_SYNC_COMMITTEE_DEPTH, NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA, NEXT_SYNC_COMMITTEE_INDEX,
  NEXT_SYNC_COMMITTEE_INDEX_ELECTRA,
} from '@lodestar/params'
import { type LightClientUpdate, ssz } from '@lodestar/types'
import { InsufficientParticipationError, InvalidMerkleBranchError, InvalidSyncSignatureError, MalformedUpdateError } from './errors.ts'
import { isValidLightClientHeader } from './isValidLightClientHeader.ts'

export type VerifyLightClientUpdateParameters = {
  config: BeaconConfig
  update: LightClientUpdate
  /** The committee of the update's signature period. */
  syncCommittee: SyncCommitteeFast
}

const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0)

/**
 * validate_light_client_update with a typed error per failure, so the UI and the endpoint pool
 * know what was wrong. https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#validate_light_client_update
 */
export function verifyLightClientUpdate({ config, update, syncCommittee }: VerifyLightClientUpdateParameters): void {
  const participants = sumBits(update.syncAggregate.syncCommitteeBits)
  if (participants < MIN_SYNC_COMMITTEE_PARTICIPANTS) throw new InsufficientParticipationError({ participants })
  const attestedSlot = update.attestedHeader.beacon.slot
  if (!isValidLightClientHeader({ config, header: update.attestedHeader }))
    throw new InvalidMerkleBranchError({ branch: 'execution', slot: attestedSlot })
  if (update.signatureSlot <= attestedSlot)
    throw new MalformedUpdateError({ reason: `signature slot ${update.signatureSlot} is not after attested slot ${attestedSlot}` })
  if (attestedSlot < update.finalizedHeader.beacon.slot)
    throw new MalformedUpdateError({ reason: `attested slot ${attestedSlot} is before finalized slot ${update.finalizedHeader.beacon.slot}` })

  const electra = update.finalityBranch.length === FINALIZED_ROOT_DEPTH_ELECTRA
  if (update.finalityBranch.some((node) => !isZero(node))) {
    const finalizedSlot = update.finalizedHeader.beacon.slot
    if (finalizedSlot !== 0 && !isValidLightClientHeader({ config, header: update.finalizedHeader }))
      throw new InvalidMerkleBranchError({ branch: 'execution', slot: finalizedSlot })
    const finalizedRoot = finalizedSlot === 0 ? new Uint8Array(32) : ssz.phase0.BeaconBlockHeader.hashTreeRoot(update.finalizedHeader.beacon)
    const valid = isValidMerkleBranch(finalizedRoot, update.finalityBranch,
      electra ? FINALIZED_ROOT_DEPTH_ELECTRA : FINALIZED_ROOT_DEPTH, electra ? FINALIZED_ROOT_INDEX_ELECTRA : FINALIZED_ROOT_INDEX,
      update.attestedHeader.beacon.stateRoot)
    if (!valid) throw new InvalidMerkleBranchError({ branch: 'finality', slot: attestedSlot })
  }

  if (update.nextSyncCommitteeBranch.some((node) => !isZero(node))) {
    const electraNext = update.nextSyncCommitteeBranch.length === NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA
    const valid = isValidMerkleBranch(ssz.altair.SyncCommittee.hashTreeRoot(update.nextSyncCommittee), update.nextSyncCommitteeBranch,
      electraNext ? NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA : NEXT_SYNC_COMMITTEE_DEPTH, electraNext ? NEXT_SYNC_COMMITTEE_INDEX_ELECTRA : NEXT_SYNC_COMMITTEE_INDEX,
      update.attestedHeader.beacon.stateRoot)
    if (!valid) throw new InvalidMerkleBranchError({ branch: 'nextSyncCommittee', slot: attestedSlot })
  }

  const signingRoot = ssz.phase0.SigningData.hashTreeRoot({
    objectRoot: ssz.phase0.BeaconBlockHeader.hashTreeRoot(update.attestedHeader.beacon),
    domain: config.getDomain(update.signatureSlot - 1, DOMAIN_SYNC_COMMITTEE),
  })
  let valid: boolean
  try {
    const pubkeys = getParticipantPubkeys(syncCommittee.pubkeys, update.syncAggregate.syncCommitteeBits)
    const signature = bls.Signature.fromBytes(update.syncAggregate.syncCommitteeSignature, undefined, true)
    valid = signature.verify(bls.PublicKey.aggregate(pubkeys), signingRoot)
  } catch (cause) {
    throw new InvalidSyncSignatureError({ signatureSlot: update.signatureSlot, attestedSlot, cause })
  }
  if (!valid) throw new InvalidSyncSignatureError({ signatureSlot: update.signatureSlot, attestedSlot })
}
