import type { LightClientUpdate, altair } from '@lodestar/types'
import type { LightClientStore } from './LightClientStore.ts'

// A plain loop, not `every` with a callback: finality and optimistic updates carry an all-zero
// committee (24.6 kB) that is checked several times a round, about 0.3 ms each with `every`.
function isZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false
  return true
}

/** https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#is_sync_committee_update */
export function isSyncCommitteeUpdate(update: LightClientUpdate): boolean {
  return update.nextSyncCommitteeBranch.some((node) => !isZero(node))
}

/** https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#is_finality_update */
export function isFinalityUpdate(update: LightClientUpdate): boolean {
  return update.finalityBranch.some((node) => !isZero(node))
}

/** https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#is_next_sync_committee_known */
export function isNextSyncCommitteeKnown(store: LightClientStore): boolean {
  return store.nextSyncCommittee !== undefined
}

/** Equal to the spec's empty `SyncCommittee()` (every key and the aggregate zero). */
export function isZeroSyncCommittee(committee: altair.SyncCommittee): boolean {
  if (!isZero(committee.aggregatePubkey)) return false
  for (const key of committee.pubkeys) if (!isZero(key)) return false
  return true
}

/** https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#get_safety_threshold */
export function getSafetyThreshold(store: LightClientStore): number {
  return Math.floor(Math.max(store.previousMaxActiveParticipants, store.currentMaxActiveParticipants) / 2)
}

/** sum(sync_aggregate.sync_committee_bits) */
export function countParticipants(update: Pick<LightClientUpdate, 'syncAggregate'>): number {
  return update.syncAggregate.syncCommitteeBits.getTrueBitIndexes().length
}
