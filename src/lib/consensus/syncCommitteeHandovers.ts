import type { LightClientUpdate } from '@lodestar/types'
import { WithheldDataError } from './errors.ts'
import { lightClientRoutes as routes } from './lightClientRoutes.ts'
import type { LightClientTransport } from './LightClientTransport.ts'
import { computeSyncCommitteePeriodAtSlot as periodOf } from './spec/computeSyncCommitteePeriodAtSlot.ts'
import type { LightClientStore } from './spec/LightClientStore.ts'

export type SyncCommitteeHandoversParameters = {
  transport: LightClientTransport
  /**
   * The store the hand-overs are applied to (by `apply`, which moves its finalized header), or the
   * promise of it (undefined: there will be none, and nothing is applied). The first request goes
   * out at once, for `firstPeriod`; its answer is verified and applied only once the store is there.
   */
  core: LightClientStore | Promise<LightClientStore | undefined>
  /**
   * The period of the store's finalized header (default: read from `core`). Given while the store
   * is still being verified, it is the bootstrap's: the header whose root is the trusted root.
   */
  firstPeriod?: number
  /** The clock's slot, read again after every request (a long catch-up may cross a period). */
  currentSlot: () => number
  maxUpdatesPerRequest: number
  /** Verifies and applies one update (process_light_client_update); a throw refuses the endpoint's answer. */
  apply: (update: LightClientUpdate, endpoint: string) => void
  /** Called with each answer's updates before they are applied one by one (to verify their signatures ahead, in one batch). */
  beforeApply?: (updates: LightClientUpdate[]) => void
  /**
   * Given: the update signed in the clock's own period is handed here (with its endpoint and
   * route) instead of applied, and no more is asked. It brings only the next period's committee:
   * the store that the earlier updates bring to the period before already knows this period's
   * committee, which is all this period's heads need. The caller applies it after them.
   */
  later?: (heldBack: HeldBackUpdate) => void
  /** After each hand-over: how many of the periods from the store's first to the clock's are done. */
  onProgress: (progress: { done: number; total: number }) => void
  signal?: AbortSignal
}

/** A hand-over left for after the round's heads (`later`), with where it came from, to blame it if it fails. */
export type HeldBackUpdate = { update: LightClientUpdate; endpoint: string; path: string }

/**
 * Fetches and applies the committee hand-overs (best update of each period) from the store's
 * period to the clock's, at most `maxUpdatesPerRequest` a request, until the clock's period is
 * reached or a request brings the finalized header no further (or the clock's own period's update
 * is held back for `later`). An endpoint that answers no updates where the clock says they exist
 * is withholding them (WithheldDataError).
 */

export async function syncCommitteeHandovers({ transport, core: coming, firstPeriod: first, currentSlot, maxUpdatesPerRequest, apply, beforeApply, later, onProgress, signal }: SyncCommitteeHandoversParameters): Promise<void> {
  let core = 'finalizedHeader' in coming ? coming : undefined
  if (first === undefined && !(core ??= await coming)) return
  const firstPeriod = first ?? periodOf(core!.finalizedHeader.beacon.slot)
  const progress = () => {
    const total = Math.max(0, periodOf(currentSlot()) - firstPeriod)
    if (core && total > 0) onProgress({ done: Math.min(total, periodOf(core.finalizedHeader.beacon.slot) - firstPeriod), total })
  }
  for (;;) {
    const currentPeriod = periodOf(currentSlot())
    // Before the store is there (the first request), its period is the one given.
    const startPeriod = core ? periodOf(core.finalizedHeader.beacon.slot) : firstPeriod
    if (startPeriod >= currentPeriod) return
    progress()
    // The store's finalized slot when the first answer came (a retry after a faulty endpoint may find it moved).
    let before: number | undefined
    let otherPeriod = false
    const count = Math.min(currentPeriod - startPeriod + 1, maxUpdatesPerRequest)
    let heldBack = undefined as HeldBackUpdate | undefined
    await transport.getUpdates({
      startPeriod,
      count,
      signal,
      verify: async (updates, endpoint) => {
        // Nothing is applied, or even checked, before the store it is checked against exists.
        const store = core ??= await coming
        if (!store) return
        before ??= store.finalizedHeader.beacon.slot
        // The store's period, as asked (a bootstrap's header has one slot); if ever not, asked again.
        if ((otherPeriod = periodOf(before) !== startPeriod)) return
        if (updates.length === 0)
          throw new WithheldDataError({ url: endpoint, reason: `no updates from period ${startPeriod}, while the clock is in period ${currentPeriod}` })
        heldBack = undefined
        const last = updates.at(-1)!
        const now = later && updates.length > 1 && periodOf(last.signatureSlot) === currentPeriod ? updates.slice(0, -1) : updates
        if (now !== updates) heldBack = { update: last, endpoint, path: routes.updates(startPeriod, count) }
        beforeApply?.(now)
        // A retry after a faulty endpoint may start behind what was applied: `apply` skips those.
        for (const update of now) {
          apply(update, endpoint)
          progress()
        }
        // Held back only if the store can do without it (this period's committee known); else applied now.
        const storePeriod = periodOf(store.finalizedHeader.beacon.slot)
        if (heldBack && !(storePeriod === currentPeriod - 1 && store.nextSyncCommittee)) {
          heldBack = undefined
          apply(last, endpoint)
          progress()
        }
      },
    })
    if (!core) return
    if (otherPeriod) continue
    if (heldBack) {
      // What the heads need is done: this period's committee is known.
      onProgress({ done: currentPeriod - firstPeriod, total: currentPeriod - firstPeriod })
      return later!(heldBack)
    }
    if (core.finalizedHeader.beacon.slot === before) return
  }
}
