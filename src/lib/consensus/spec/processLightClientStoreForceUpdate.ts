import { UPDATE_TIMEOUT } from '@lodestar/params'
import { applyLightClientUpdate } from './applyLightClientUpdate.ts'
import type { LightClientStore } from './LightClientStore.ts'

/**
 * After UPDATE_TIMEOUT slots without finality, applies the best valid update seen (its attested
 * header standing in for the finalized one) so that the store can reach later committee periods.
 * Returns whether it applied one. https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#process_light_client_store_force_update
 */
export function processLightClientStoreForceUpdate(store: LightClientStore, currentSlot: number): boolean {
  const best = store.bestValidUpdate
  if (!(currentSlot > store.finalizedHeader.beacon.slot + UPDATE_TIMEOUT && best !== undefined)) return false
  // Forced best update when the update timeout has elapsed.
  // Because the apply logic waits for `finalized_header.beacon.slot` to indicate sync committee finality,
  // the `attested_header` may be treated as `finalized_header` in extended periods of non-finality
  // to guarantee progression into later sync committee periods according to `is_better_update`.
  const update = best.finalizedHeader.beacon.slot <= store.finalizedHeader.beacon.slot ? { ...best, finalizedHeader: best.attestedHeader } : best
  applyLightClientUpdate(store, update)
  store.bestValidUpdate = undefined
  return true
}
