import { SYNC_COMMITTEE_SIZE } from '@lodestar/params'
import type { LightClientUpdate } from '@lodestar/types'
import { applyLightClientUpdate } from './applyLightClientUpdate.ts'
import { computeSyncCommitteePeriodAtSlot as period } from './computeSyncCommitteePeriodAtSlot.ts'
import { isBetterUpdate } from './isBetterUpdate.ts'
import type { LightClientStore, SpecContext } from './LightClientStore.ts'
import { countParticipants, getSafetyThreshold, isFinalityUpdate, isNextSyncCommitteeKnown, isSyncCommitteeUpdate } from './updatePredicates.ts'
import { validateLightClientUpdate } from './validateLightClientUpdate.ts'

export type ProcessLightClientUpdateParameters = {
  context: SpecContext
  store: LightClientStore
  update: LightClientUpdate
  currentSlot: number
}

/**
 * Validates the update (typed error if it does not hold) and moves the store's headers and
 * committees as far as it allows. https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#process_light_client_update
 */
export function processLightClientUpdate({ context, store, update, currentSlot }: ProcessLightClientUpdateParameters): void {
  validateLightClientUpdate({ context, store, update, currentSlot })
  const participants = countParticipants(update)

  // Update the best update in case we have to force-update to it if the timeout elapses
  if (store.bestValidUpdate === undefined || isBetterUpdate(update, store.bestValidUpdate)) store.bestValidUpdate = update

  // Track the maximum number of active participants in the committee signatures
  store.currentMaxActiveParticipants = Math.max(store.currentMaxActiveParticipants, participants)

  // Update the optimistic header
  if (participants > getSafetyThreshold(store) && update.attestedHeader.beacon.slot > store.optimisticHeader.beacon.slot)
    store.optimisticHeader = update.attestedHeader

  // Update finalized header
  const hasFinalizedNextSyncCommittee = !isNextSyncCommitteeKnown(store) && isSyncCommitteeUpdate(update) && isFinalityUpdate(update)
    && period(update.finalizedHeader.beacon.slot) === period(update.attestedHeader.beacon.slot)
  if (participants * 3 >= SYNC_COMMITTEE_SIZE * 2
    && (update.finalizedHeader.beacon.slot > store.finalizedHeader.beacon.slot || hasFinalizedNextSyncCommittee)) {
    // Normal update through 2/3 threshold
    applyLightClientUpdate(store, update)
    store.bestValidUpdate = undefined
  }
}
