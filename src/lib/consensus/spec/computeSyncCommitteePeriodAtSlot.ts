import { EPOCHS_PER_SYNC_COMMITTEE_PERIOD, SLOTS_PER_EPOCH } from '@lodestar/params'

/** https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/validator.md#sync-committee (compute_sync_committee_period) at a slot. */
export function computeSyncCommitteePeriodAtSlot(slot: number): number {
  return Math.floor(slot / SLOTS_PER_EPOCH / EPOCHS_PER_SYNC_COMMITTEE_PERIOD)
}
