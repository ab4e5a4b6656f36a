import type { BaseError } from '../errors.ts'
import type { EndpointHealth } from './BeaconEndpointPool.ts'
import type { Hex } from './networks.ts'
import type { CheckpointSource } from './resolveCheckpoint.ts'
import type { ConsensusHeader } from './toConsensusHeader.ts'

export type LightClientStatus = 'bootstrapping' | 'syncing' | 'synced' | 'stalled' | 'error'

export type LightClientState = {
  status: LightClientStatus
  /** Why the status is what it is (for stalled / error, the cause in words). */
  reason: string | undefined
  /** The typed error behind `error` / `stalled` (switch on `error.name`). */
  error: BaseError | undefined
  /** Where the trusted start came from; for 'agreed', the hosts that named the root. */
  checkpoint: { root: Hex; source: CheckpointSource | 'saved'; agreeing?: string[] } | undefined
  finalized: ConsensusHeader | undefined
  optimistic: ConsensusHeader | undefined
  /** Sync-committee period of the finalized header. */
  syncPeriod: number | undefined
  /**
   * While the light client verifies sync-committee hand-overs on its way to the clock's period:
   * how many of this round's are done (the screen says "verifying committee 2 of 3").
   */
  committeeProgress?: { done: number; total: number }
  /** Signers of the last verified update, out of 512. */
  participation: { participants: number; size: number } | undefined
  /** Clock time (ms) of the last verified update that moved a head. */
  lastUpdateAtMs: number | undefined
  msSinceLastUpdate: number | undefined
  currentSlot: number
  /** The network's slot time: the freshness limit (getFreshness) is counted in its slots. */
  secondsPerSlot: number
  endpoints: EndpointHealth[]
}

export type LightClientEvent =
  | { type: 'head'; finalized: ConsensusHeader; optimistic: ConsensusHeader }
  | { type: 'state'; state: LightClientState }
