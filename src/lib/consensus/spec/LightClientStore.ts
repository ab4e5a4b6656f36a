import type { LightClientHeader, LightClientUpdate, altair } from '@lodestar/types'

/**
 * The light client's whole trusted state, field for field the spec's `LightClientStore`; the
 * committees stay compressed (48-byte keys plus their `aggregate_pubkey`), as the chain commits them.
 * https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#lightclientstore
 */
export type LightClientStore = {
  finalizedHeader: LightClientHeader
  currentSyncCommittee: altair.SyncCommittee
  /** `undefined` where the spec holds an all-zero `SyncCommittee()` (not known yet). */
  nextSyncCommittee: altair.SyncCommittee | undefined
  bestValidUpdate: LightClientUpdate | undefined
  optimisticHeader: LightClientHeader
  previousMaxActiveParticipants: number
  currentMaxActiveParticipants: number
}

/** What the spec functions need besides the store: the fork schedule, a BLS backend, a hook. */
export type SpecContext = {
  config: import('../createLightClientConfig.ts').LightClientConfig
  bls: import('../bls/BlsBackend.ts').BlsBackend
  /** Told of every committee a signature was checked against (for the idle full-key validation). */
  onSyncCommitteeUsed?: (committee: altair.SyncCommittee) => void
  /** A dry run (preverifySignatures): each sync-aggregate check is handed over, not verified. */
  deferSignature?: (check: import('./verifySyncAggregate.ts').DeferredSyncAggregateCheck) => void
}
