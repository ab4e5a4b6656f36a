import {
  FINALIZED_ROOT_GINDEX, FINALIZED_ROOT_GINDEX_ELECTRA, GENESIS_SLOT,
  MIN_SYNC_COMMITTEE_PARTICIPANTS, NEXT_SYNC_COMMITTEE_GINDEX, NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA, isForkPostElectra,
} from '@lodestar/params'
import type { LightClientUpdate } from '@lodestar/types'
import { BeaconBlockHeader, SyncCommittee } from '../lightClientSsz.ts'
import {
  InsufficientParticipationError, InvalidMerkleBranchError, IrrelevantUpdateError, MalformedUpdateError, UnusableUpdateError,
} from '../errors.ts'
import { isValidLightClientHeader } from '../isValidLightClientHeader.ts'
import { computeSyncCommitteePeriodAtSlot as period } from './computeSyncCommitteePeriodAtSlot.ts'
import { isValidNormalizedMerkleBranch } from './isValidNormalizedMerkleBranch.ts'
import type { LightClientStore, SpecContext } from './LightClientStore.ts'
import { syncCommitteeRoot } from './syncCommitteeRoot.ts'
import { syncCommitteeSigningRoot } from './syncCommitteeSigningRoot.ts'
import { countParticipants, isFinalityUpdate, isNextSyncCommitteeKnown, isSyncCommitteeUpdate, isZeroSyncCommittee } from './updatePredicates.ts'
import { verifySyncAggregate } from './verifySyncAggregate.ts'

export type ValidateLightClientUpdateParameters = {
  context: SpecContext
  store: LightClientStore
  update: LightClientUpdate
  currentSlot: number
}

const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0)
const isZeroHeader = (update: LightClientUpdate) => {
  const { slot, proposerIndex, parentRoot, stateRoot, bodyRoot } = update.finalizedHeader.beacon
  return slot === 0 && proposerIndex === 0 && isZero(parentRoot) && isZero(stateRoot) && isZero(bodyRoot)
}
const sameCommittee = (a: LightClientUpdate['nextSyncCommittee'], b: LightClientUpdate['nextSyncCommittee']) =>
  SyncCommittee.equals(a, b)

/**
 * validate_light_client_update, each assertion its own typed error: a forgery proves the
 * endpoint's fault (ConsensusVerificationError); an update that cannot be checked now
 * (UnusableUpdateError) or brings nothing new (IrrelevantUpdateError) does not.
 * https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#validate_light_client_update
 * (with https://github.com/ethereum/consensus-specs/blob/dev/specs/electra/light-client/sync-protocol.md gindices at the attested header's fork)
 */
export function validateLightClientUpdate({ context, store, update, currentSlot }: ValidateLightClientUpdateParameters): void {
  const { config, bls } = context
  // Verify sync committee has sufficient participants
  const participants = countParticipants(update)
  if (participants < MIN_SYNC_COMMITTEE_PARTICIPANTS) throw new InsufficientParticipationError({ participants })

  // Verify update does not skip a sync committee period
  const attestedSlot = update.attestedHeader.beacon.slot
  const finalizedSlot = update.finalizedHeader.beacon.slot
  if (!isValidLightClientHeader({ config, header: update.attestedHeader })) throw new InvalidMerkleBranchError({ branch: 'execution', slot: attestedSlot })
  if (update.signatureSlot > currentSlot)
    throw new UnusableUpdateError({ reason: `it is signed at slot ${update.signatureSlot}, after the current slot ${currentSlot} (check the clock)` })
  if (update.signatureSlot <= attestedSlot)
    throw new MalformedUpdateError({ reason: `signature slot ${update.signatureSlot} is not after attested slot ${attestedSlot}` })
  if (attestedSlot < finalizedSlot)
    throw new MalformedUpdateError({ reason: `attested slot ${attestedSlot} is before finalized slot ${finalizedSlot}` })
  const storePeriod = period(store.finalizedHeader.beacon.slot)
  const signaturePeriod = period(update.signatureSlot)
  const nextKnown = isNextSyncCommitteeKnown(store)
  if (nextKnown ? signaturePeriod !== storePeriod && signaturePeriod !== storePeriod + 1 : signaturePeriod !== storePeriod)
    throw new UnusableUpdateError({ reason: `no known sync committee for period ${signaturePeriod} (the store is in period ${storePeriod}${nextKnown ? ' and knows the next one' : ''})` })

  // Verify update is relevant
  const attestedPeriod = period(attestedSlot)
  const hasNextSyncCommittee = !nextKnown && isSyncCommitteeUpdate(update) && attestedPeriod === storePeriod
  if (!(attestedSlot > store.finalizedHeader.beacon.slot || hasNextSyncCommittee))
    throw new IrrelevantUpdateError({ attestedSlot, finalizedSlot: store.finalizedHeader.beacon.slot })

  // Verify that the `finality_branch`, if present, confirms `finalized_header`
  // to match the finalized checkpoint root saved in the state of `attested_header`.
  // Note that the genesis finalized checkpoint root is represented as a zero hash.
  const electra = isForkPostElectra(config.getForkName(attestedSlot))
  if (!isFinalityUpdate(update)) {
    if (!isZeroHeader(update)) throw new MalformedUpdateError({ reason: 'a finalized header without a finality branch' })
  } else {
    let finalizedRoot: Uint8Array
    if (finalizedSlot === GENESIS_SLOT) {
      if (!isZeroHeader(update)) throw new MalformedUpdateError({ reason: 'a finalized header at the genesis slot that is not empty' })
      finalizedRoot = new Uint8Array(32)
    } else {
      if (!isValidLightClientHeader({ config, header: update.finalizedHeader })) throw new InvalidMerkleBranchError({ branch: 'execution', slot: finalizedSlot })
      finalizedRoot = BeaconBlockHeader.hashTreeRoot(update.finalizedHeader.beacon)
    }
    const gindex = electra ? FINALIZED_ROOT_GINDEX_ELECTRA : FINALIZED_ROOT_GINDEX
    if (!isValidNormalizedMerkleBranch({ leaf: finalizedRoot, branch: update.finalityBranch, gindex, root: update.attestedHeader.beacon.stateRoot }))
      throw new InvalidMerkleBranchError({ branch: 'finality', slot: attestedSlot })
  }

  // Verify that the `next_sync_committee`, if present, actually is the next sync committee saved in the
  // state of the `attested_header`
  if (!isSyncCommitteeUpdate(update)) {
    if (!isZeroSyncCommittee(update.nextSyncCommittee)) throw new MalformedUpdateError({ reason: 'a next sync committee without its branch' })
  } else {
    // The branch first (the spec compares with the known committee first): a tampered committee is
    // then reported as what it is, a branch that does not verify.
    const gindex = electra ? NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA : NEXT_SYNC_COMMITTEE_GINDEX
    const leaf = syncCommitteeRoot(update.nextSyncCommittee)
    if (!isValidNormalizedMerkleBranch({ leaf, branch: update.nextSyncCommitteeBranch, gindex, root: update.attestedHeader.beacon.stateRoot }))
      throw new InvalidMerkleBranchError({ branch: 'nextSyncCommittee', slot: attestedSlot })
    if (attestedPeriod === storePeriod && nextKnown && !sameCommittee(update.nextSyncCommittee, store.nextSyncCommittee!))
      throw new MalformedUpdateError({ reason: `its next sync committee differs from the one already verified for period ${storePeriod + 1}` })
  }

  // Verify sync committee aggregate signature
  const committee = signaturePeriod === storePeriod ? store.currentSyncCommittee : store.nextSyncCommittee!
  const signingRoot = syncCommitteeSigningRoot(config, update)
  context.onSyncCommitteeUsed?.(committee)
  verifySyncAggregate({ bls, committee, syncAggregate: update.syncAggregate, signingRoot, signatureSlot: update.signatureSlot, attestedSlot, defer: context.deferSignature })
}
