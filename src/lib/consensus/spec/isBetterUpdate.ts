import { SYNC_COMMITTEE_SIZE } from '@lodestar/params'
import type { LightClientUpdate } from '@lodestar/types'
import { computeSyncCommitteePeriodAtSlot as period } from './computeSyncCommitteePeriodAtSlot.ts'
import { countParticipants, isFinalityUpdate, isSyncCommitteeUpdate } from './updatePredicates.ts'

/** https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#is_better_update */
export function isBetterUpdate(newUpdate: LightClientUpdate, oldUpdate: LightClientUpdate): boolean {
  // Compare supermajority (> 2/3) sync committee participation
  const newActive = countParticipants(newUpdate)
  const oldActive = countParticipants(oldUpdate)
  const newSupermajority = newActive * 3 >= SYNC_COMMITTEE_SIZE * 2
  const oldSupermajority = oldActive * 3 >= SYNC_COMMITTEE_SIZE * 2
  if (newSupermajority !== oldSupermajority) return newSupermajority
  if (!newSupermajority && newActive !== oldActive) return newActive > oldActive

  // Compare presence of relevant sync committee
  const relevant = (u: LightClientUpdate) => isSyncCommitteeUpdate(u) && period(u.attestedHeader.beacon.slot) === period(u.signatureSlot)
  if (relevant(newUpdate) !== relevant(oldUpdate)) return relevant(newUpdate)

  // Compare indication of any finality
  const newFinality = isFinalityUpdate(newUpdate)
  if (newFinality !== isFinalityUpdate(oldUpdate)) return newFinality

  // Compare sync committee finality
  if (newFinality) {
    const committeeFinality = (u: LightClientUpdate) => period(u.finalizedHeader.beacon.slot) === period(u.attestedHeader.beacon.slot)
    if (committeeFinality(newUpdate) !== committeeFinality(oldUpdate)) return committeeFinality(newUpdate)
  }

  // Tiebreaker 1: Sync committee participation beyond supermajority
  if (newActive !== oldActive) return newActive > oldActive
  // Tiebreaker 2: Prefer older data (fewer changes to best)
  if (newUpdate.attestedHeader.beacon.slot !== oldUpdate.attestedHeader.beacon.slot) return newUpdate.attestedHeader.beacon.slot < oldUpdate.attestedHeader.beacon.slot
  return newUpdate.signatureSlot < oldUpdate.signatureSlot
}
