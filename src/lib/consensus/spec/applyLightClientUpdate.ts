import type { LightClientUpdate } from '@lodestar/types'
import { MalformedUpdateError } from '../errors.ts'
import { computeSyncCommitteePeriodAtSlot as period } from './computeSyncCommitteePeriodAtSlot.ts'
import type { LightClientStore } from './LightClientStore.ts'
import { isNextSyncCommitteeKnown, isZeroSyncCommittee } from './updatePredicates.ts'

/** https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#apply_light_client_update */
export function applyLightClientUpdate(store: LightClientStore, update: LightClientUpdate): void {
  const storePeriod = period(store.finalizedHeader.beacon.slot)
  const updateFinalizedPeriod = period(update.finalizedHeader.beacon.slot)
  const next = isZeroSyncCommittee(update.nextSyncCommittee) ? undefined : update.nextSyncCommittee
  if (!isNextSyncCommitteeKnown(store)) {
    if (updateFinalizedPeriod !== storePeriod)
      throw new MalformedUpdateError({ reason: `its finalized header is in period ${updateFinalizedPeriod}, not the store's ${storePeriod}` })
    store.nextSyncCommittee = next
  } else if (updateFinalizedPeriod === storePeriod + 1) {
    store.currentSyncCommittee = store.nextSyncCommittee!
    store.nextSyncCommittee = next
    store.previousMaxActiveParticipants = store.currentMaxActiveParticipants
    store.currentMaxActiveParticipants = 0
  }
  if (update.finalizedHeader.beacon.slot > store.finalizedHeader.beacon.slot) {
    store.finalizedHeader = update.finalizedHeader
    if (store.finalizedHeader.beacon.slot > store.optimisticHeader.beacon.slot) store.optimisticHeader = store.finalizedHeader
  }
}
