import type { LightClientBootstrap, LightClientUpdate } from '@lodestar/types'
import { hexToBytes } from 'viem'
import type { ConsensusProof, ForkedJson } from '../bundle/types.ts'
import { lightClientSszType, typeNames } from './decodeLightClientData.ts'
import { WithheldDataError } from './errors.ts'
import type { LightClientTransport } from './LightClientTransport.ts'
import { computeSyncCommitteePeriodAtSlot as periodOf } from './spec/computeSyncCommitteePeriodAtSlot.ts'
import { initializeLightClientStore } from './spec/initializeLightClientStore.ts'
import type { LightClientStore, SpecContext } from './spec/LightClientStore.ts'
import { processLightClientUpdate } from './spec/processLightClientUpdate.ts'

export type CollectConsensusProofParameters = {
  transport: LightClientTransport
  context: SpecContext
  /** The trusted root the chain starts from. */
  anchorRoot: `0x${string}`
  /** The update that carried the block (undefined: the block is the checkpoint's own). */
  update: LightClientUpdate | undefined
  signal?: AbortSignal
  maxUpdatesPerRequest: number
}

/** Light-client data as the Beacon API's JSON envelope (fork of the attested header, or the bootstrap's header). */
export function toForkedJson(context: SpecContext, kind: 'bootstrap' | 'update', value: LightClientBootstrap | LightClientUpdate): ForkedJson {
  const slot = kind === 'bootstrap' ? (value as LightClientBootstrap).header.beacon.slot : (value as LightClientUpdate).attestedHeader.beacon.slot
  const fork = context.config.getForkName(slot)
  return { version: fork, data: lightClientSszType(fork, typeNames[kind]).toJson(value) as Record<string, unknown> }
}

/**
 * The bootstrap of the trusted root and every committee hand-over from its period to the one the
 * block was signed in, fetched from the beacon APIs and replayed through the spec functions on
 * arrival (an endpoint serving anything that does not verify is failed over, as in a sync).
 */
export async function collectConsensusProof({ transport, context, anchorRoot, update, signal, maxUpdatesPerRequest }: CollectConsensusProofParameters): Promise<ConsensusProof> {
  const { value: bootstrap } = await transport.getBootstrap({
    blockRoot: anchorRoot,
    signal,
    verify: (value) => {
      initializeLightClientStore({ config: context.config, trustedBlockRoot: hexToBytes(anchorRoot), bootstrap: value })
      return value
    },
  })
  const store: LightClientStore = initializeLightClientStore({ config: context.config, trustedBlockRoot: hexToBytes(anchorRoot), bootstrap })
  const handovers: LightClientUpdate[] = []
  const targetPeriod = update ? periodOf(update.signatureSlot) : periodOf(bootstrap.header.beacon.slot)
  for (let period = periodOf(bootstrap.header.beacon.slot); period < targetPeriod;) {
    const count = Math.min(targetPeriod - period, maxUpdatesPerRequest)
    const { value: updates } = await transport.getUpdates({
      startPeriod: period,
      count,
      signal,
      verify: (updates, endpoint) => {
        if (updates.length !== count) throw new WithheldDataError({ url: endpoint, reason: `${updates.length} updates for periods ${period}..${period + count - 1}` })
        // Checked on a copy of the store: a refused answer must leave nothing behind.
        const scratch = { ...store }
        for (const u of updates) processLightClientUpdate({ context, store: scratch, update: u, currentSlot: u.signatureSlot })
        Object.assign(store, scratch)
        return updates
      },
    })
    handovers.push(...updates)
    period += count
  }
  return {
    checkpoint: anchorRoot,
    bootstrap: toForkedJson(context, 'bootstrap', bootstrap),
    updates: handovers.map((u) => toForkedJson(context, 'update', u)),
    head: update ? toForkedJson(context, 'update', update) : null,
  }
}
