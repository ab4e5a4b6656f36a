import type { BeaconConfig } from '@lodestar/config'
import { deserializeSyncCommittee, serializeSyncCommittee } from '@lodestar/light-client/utils'
import { LightclientSpec, toLightClientUpdateSummary } from '@lodestar/light-client/spec'
import { type LightClientHeader, type LightClientUpdate, ssz } from '@lodestar/types'
import { lightClientSszType } from './decodeLightClientData.ts'
import { bytesToHex } from 'viem'
import { CorruptSavedStateError } from './errors.ts'
import type { PersistedLightClientState } from './LightClientStateStore.ts'

const SLOTS_PER_PERIOD = 8192

type Spec = LightclientSpec

/** Serializes the parts of a verified store needed to continue later. */
export function createSnapshot({ config, spec, network, nowMs, anchorRoot }: { config: BeaconConfig; spec: Spec; network: string; nowMs: number; anchorRoot?: string }): PersistedLightClientState {
  const header = (h: LightClientHeader) => {
    const fork = config.getForkName(h.beacon.slot)
    return { fork, json: lightClientSszType(fork, 'LightClientHeader').toJson(h) }
  }
  return {
    version: 1,
    network,
    genesisValidatorsRoot: bytesToHex(config.genesisValidatorsRoot),
    finalizedHeader: header(spec.store.finalizedHeader),
    optimisticHeader: header(spec.store.optimisticHeader),
    syncCommittees: [...spec.store.syncCommittees].map(([period, committee]) => ({
      period,
      committee: ssz.altair.SyncCommittee.toJson(serializeSyncCommittee(committee)),
    })),
    bestValidUpdates: [...spec.store.bestValidUpdates].map(([period, { update }]) => {
      const fork = config.getForkName(update.attestedHeader.beacon.slot)
      return { period, update: { fork, json: lightClientSszType(fork, 'LightClientUpdate').toJson(update) } }
    }),
    savedAtMs: nowMs,
    anchorRoot,
  }
}

/** Rebuilds a Lodestar store from a snapshot this module wrote (local, hence trusted, data). */
export function restoreSnapshot({ config, state, events }: { config: BeaconConfig; state: PersistedLightClientState; events: { onSetFinalizedHeader?: () => void; onSetOptimisticHeader?: () => void } }): Spec {
  try {
    const header = (x: unknown): LightClientHeader => {
      const { fork, json } = x as { fork: string; json: unknown }
      return lightClientSszType(fork, 'LightClientHeader').fromJson(json) as LightClientHeader
    }
    const finalizedHeader = header(state.finalizedHeader)
    const committees = state.syncCommittees.map(({ period, committee }) => ({ period, committee: ssz.altair.SyncCommittee.fromJson(committee) }))
    const finalizedPeriod = Math.floor(finalizedHeader.beacon.slot / SLOTS_PER_PERIOD)
    const own = committees.find((c) => c.period === finalizedPeriod)
    if (!own) throw new CorruptSavedStateError({ reason: `no sync committee for the saved header's period ${finalizedPeriod}` })
    const spec = new LightclientSpec(config, { ...events }, {
      header: finalizedHeader,
      currentSyncCommittee: own.committee,
      currentSyncCommitteeBranch: [],
    } as never)
    for (const { period, committee } of committees)
      if (period !== finalizedPeriod) spec.store.syncCommittees.set(period, deserializeSyncCommittee(committee))
    for (const { period, update: saved } of state.bestValidUpdates) {
      const { fork, json } = saved as { fork: string; json: unknown }
      const update = lightClientSszType(fork, 'LightClientUpdate').fromJson(json) as LightClientUpdate
      spec.store.bestValidUpdates.set(period, { update, summary: toLightClientUpdateSummary(update) })
    }
    const optimistic = header(state.optimisticHeader)
    if (optimistic.beacon.slot > finalizedHeader.beacon.slot) spec.store.optimisticHeader = optimistic
    return spec
  } catch (cause) {
    if (cause instanceof CorruptSavedStateError) throw cause
    throw new CorruptSavedStateError({ reason: (cause as Error).message, cause })
  }
}
