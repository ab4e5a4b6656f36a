import type { LightClientConfig } from './createLightClientConfig.ts'
import type { LightClientHeader, LightClientUpdate } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { lightClientSszType } from './decodeLightClientData.ts'
import { CorruptSavedStateError } from './errors.ts'
import { SyncCommittee } from './lightClientSsz.ts'
import type { PersistedLightClientState } from './LightClientStateStore.ts'
import { computeSyncCommitteePeriodAtSlot as period } from './spec/computeSyncCommitteePeriodAtSlot.ts'
import type { LightClientStore } from './spec/LightClientStore.ts'

export type CreateSnapshotParameters = {
  config: LightClientConfig
  store: LightClientStore
  network: string
  nowMs: number
  anchorRoot?: string
  /** Roots of the store's committees whose keys were all validated (not checked again on restore). */
  validatedCommitteeRoots?: string[]
}

const headerJson = (config: LightClientConfig, h: LightClientHeader) => {
  const fork = config.getForkName(h.beacon.slot)
  return { fork, json: lightClientSszType(fork, 'LightClientHeader').toJson(h) }
}

/**
 * Serializes the parts of a verified store needed to continue later. Committees are written as
 * the chain commits them (hex of the compressed keys and aggregate_pubkey): nothing is
 * decompressed or recompressed on save or restore.
 */
export function createSnapshot({ config, store, network, nowMs, anchorRoot, validatedCommitteeRoots }: CreateSnapshotParameters): PersistedLightClientState {
  const finalizedPeriod = period(store.finalizedHeader.beacon.slot)
  const committees = [{ period: finalizedPeriod, committee: store.currentSyncCommittee }]
  if (store.nextSyncCommittee) committees.push({ period: finalizedPeriod + 1, committee: store.nextSyncCommittee })
  const best = store.bestValidUpdate
  return {
    version: 1,
    network,
    genesisValidatorsRoot: bytesToHex(config.genesisValidatorsRoot),
    finalizedHeader: headerJson(config, store.finalizedHeader),
    optimisticHeader: headerJson(config, store.optimisticHeader),
    syncCommittees: committees.map(({ period, committee }) => ({ period, committee: SyncCommittee.toJson(committee) })),
    bestValidUpdates: best ? [{ period: period(best.signatureSlot), update: updateJson(config, best) }] : [],
    maxActiveParticipants: { previous: store.previousMaxActiveParticipants, current: store.currentMaxActiveParticipants },
    validatedCommitteeRoots,
    savedAtMs: nowMs,
    anchorRoot,
  }
}

function updateJson(config: LightClientConfig, update: LightClientUpdate) {
  const fork = config.getForkName(update.attestedHeader.beacon.slot)
  return { fork, json: lightClientSszType(fork, 'LightClientUpdate').toJson(update) }
}

/**
 * Rebuilds the store from a snapshot this module wrote (local, hence trusted, data). Also reads
 * the snapshots written when the store was Lodestar's (committees by period, best updates by
 * period): the committee of the finalized period is the current one, the next period's the next.
 */
export function restoreSnapshot({ state }: { config: LightClientConfig; state: PersistedLightClientState }): { store: LightClientStore; validatedCommitteeRoots: string[] } {
  try {
    const header = (x: unknown): LightClientHeader => {
      const { fork, json } = x as { fork: string; json: unknown }
      return lightClientSszType(fork, 'LightClientHeader').fromJson(json) as LightClientHeader
    }
    const finalizedHeader = header(state.finalizedHeader)
    const finalizedPeriod = period(finalizedHeader.beacon.slot)
    const committeeAt = (p: number) => {
      const saved = state.syncCommittees.find((c) => c.period === p)
      return saved && SyncCommittee.fromJson(saved.committee)
    }
    const current = committeeAt(finalizedPeriod)
    if (!current) throw new CorruptSavedStateError({ reason: `no sync committee for the saved header's period ${finalizedPeriod}` })
    const best = state.bestValidUpdates.find((b) => b.period === finalizedPeriod)
    const optimistic = header(state.optimisticHeader)
    const store: LightClientStore = {
      finalizedHeader,
      currentSyncCommittee: current,
      nextSyncCommittee: committeeAt(finalizedPeriod + 1),
      bestValidUpdate: best && (() => {
        const { fork, json } = best.update as { fork: string; json: unknown }
        return lightClientSszType(fork, 'LightClientUpdate').fromJson(json) as LightClientUpdate
      })(),
      optimisticHeader: optimistic.beacon.slot > finalizedHeader.beacon.slot ? optimistic : finalizedHeader,
      previousMaxActiveParticipants: state.maxActiveParticipants?.previous ?? 0,
      currentMaxActiveParticipants: state.maxActiveParticipants?.current ?? 0,
    }
    return { store, validatedCommitteeRoots: state.validatedCommitteeRoots ?? [] }
  } catch (cause) {
    if (cause instanceof CorruptSavedStateError) throw cause
    throw new CorruptSavedStateError({ reason: (cause as Error).message, cause })
  }
}
