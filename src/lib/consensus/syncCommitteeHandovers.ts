import type { LightClientUpdate } from '@lodestar/types'
import { WithheldDataError } from './errors.ts'
import type { LightClientTransport } from './LightClientTransport.ts'
import { computeSyncCommitteePeriodAtSlot as periodOf } from './spec/computeSyncCommitteePeriodAtSlot.ts'
import type { LightClientStore } from './spec/LightClientStore.ts'

export type SyncCommitteeHandoversParameters = {
  transport: LightClientTransport
  /** The store the hand-overs are applied to (by `apply`, which moves its finalized header). */
  core: LightClientStore
  /** The clock's slot, read again after every request (a long catch-up may cross a period). */
  currentSlot: () => number
  maxUpdatesPerRequest: number
  /** Verifies and applies one update (process_light_client_update); a throw refuses the endpoint's answer. */
  apply: (update: LightClientUpdate, endpoint: string) => void
  /** Called with each answer's updates before they are applied one by one (to verify their signatures ahead, in one batch). */
  beforeApply?: (updates: LightClientUpdate[]) => void
  /** After each hand-over: how many of the periods from the store's first to the clock's are done. */
  onProgress: (progress: { done: number; total: number }) => void
  signal?: AbortSignal
}

/**
 * Fetches and applies the committee hand-overs (best update of each period) from the store's
 * period to the clock's, at most `maxUpdatesPerRequest` a request, until the clock's period is
 * reached or a request brings the finalized header no further. An endpoint that answers no
 * updates where the clock says they exist is withholding them (WithheldDataError).
 */
export async function syncCommitteeHandovers({ transport, core, currentSlot, maxUpdatesPerRequest, apply, beforeApply, onProgress, signal }: SyncCommitteeHandoversParameters): Promise<void> {
  const firstPeriod = periodOf(core.finalizedHeader.beacon.slot)
  const progress = () => {
    const total = Math.max(0, periodOf(currentSlot()) - firstPeriod)
    if (total > 0) onProgress({ done: Math.min(total, periodOf(core.finalizedHeader.beacon.slot) - firstPeriod), total })
  }
  for (;;) {
    const currentPeriod = periodOf(currentSlot())
    const startPeriod = periodOf(core.finalizedHeader.beacon.slot)
    if (startPeriod >= currentPeriod) return
    progress()
    const before = core.finalizedHeader.beacon.slot
    const count = Math.min(currentPeriod - startPeriod + 1, maxUpdatesPerRequest)
    await transport.getUpdates({
      startPeriod,
      count,
      signal,
      verify: (updates, endpoint) => {
        if (updates.length === 0)
          throw new WithheldDataError({ url: endpoint, reason: `no updates from period ${startPeriod}, while the clock is in period ${currentPeriod}` })
        beforeApply?.(updates)
        // A retry after a faulty endpoint may start behind what was applied: `apply` skips those.
        for (const update of updates) {
          apply(update, endpoint)
          progress()
        }
      },
    })
    if (core.finalizedHeader.beacon.slot === before) return
  }
}
