import { createBeaconConfig } from '@lodestar/config'
import { Lightclient } from '@lodestar/light-client'
import { LightclientSpec } from '@lodestar/light-client/spec'
import { type LightClientBootstrap, type LightClientHeader, type LightClientUpdate, ssz } from '@lodestar/types'
import { bytesToHex, hexToBytes } from 'viem'
import type { LightClientConfig } from '../../../src/lib/consensus/createLightClientConfig.ts'
import { nobleBls } from '../../../src/lib/consensus/bls/nobleBls.ts'
import { decodeLightClientData } from '../../../src/lib/consensus/decodeLightClientData.ts'
import { IrrelevantUpdateError } from '../../../src/lib/consensus/errors.ts'
import { preverifySignatures } from '../../../src/lib/consensus/preverifySignatures.ts'
import { initializeLightClientStore } from '../../../src/lib/consensus/spec/initializeLightClientStore.ts'
import type { LightClientStore } from '../../../src/lib/consensus/spec/LightClientStore.ts'
import { processLightClientUpdate } from '../../../src/lib/consensus/spec/processLightClientUpdate.ts'
import { toLightClientUpdate } from '../../../src/lib/consensus/spec/toLightClientUpdate.ts'

// The oracle: Lodestar's LightclientSpec (an independent implementation of the same sync protocol,
// with its own BLS, native blst) fed the same data as our core (here with noble's BLS).

export type OracleInput = {
  config: LightClientConfig
  checkpoint: `0x${string}`
  bootstrap: unknown
  /** Beacon-API JSON, applied in this order. */
  steps: { kind: 'update' | 'finalityUpdate' | 'optimisticUpdate'; json: unknown }[]
  currentSlot: number
}

/** Per step: accepted or refused, and the finalized / optimistic header roots after it. */
export type Trace = { verdict: 'accepted' | 'refused'; finalized: string; optimistic: string }[]

const root = (h: LightClientHeader) => bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(h.beacon))
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} }

/** Decodes every step with the module's decoder; an input it refuses is no case for the oracle. */
function decode({ config, bootstrap, steps }: OracleInput) {
  return {
    bootstrap: decodeLightClientData({ config, kind: 'bootstrap', json: bootstrap, url: 'oracle' }).value,
    steps: steps.map(({ kind, json }) => ({ kind, value: decodeLightClientData({ config, kind, json, url: 'oracle' }).value })),
  }
}

/**
 * Our core step by step; `batched`: first all the steps' signatures verified ahead in one
 * multi-pairing (preverifySignatures, as the light client does), which must change no verdict.
 */
export function runOurCore(input: OracleInput, { batched = false }: { batched?: boolean } = {}): Trace {
  const { config, checkpoint, currentSlot } = input
  const { bootstrap, steps } = decode(input)
  const updates = steps.map(({ kind, value }) => (kind === 'update' ? (value as LightClientUpdate) : toLightClientUpdate(config, value as never)))
  let store: LightClientStore
  try {
    store = initializeLightClientStore({ config, trustedBlockRoot: hexToBytes(checkpoint), bootstrap })
  } catch {
    return [{ verdict: 'refused', finalized: '', optimistic: '' }]
  }
  const trace: Trace = [{ verdict: 'accepted', finalized: root(store.finalizedHeader), optimistic: root(store.optimisticHeader) }]
  if (batched) preverifySignatures({ context: { config, bls: nobleBls }, store, updates, currentSlot })
  for (const update of updates) {
    let verdict: Trace[number]['verdict'] = 'accepted'
    try {
      processLightClientUpdate({ context: { config, bls: nobleBls }, store, update, currentSlot })
    } catch (error) {
      // Nothing new in it: the spec's relevance assertion, which the light client ignores.
      if (!(error instanceof IrrelevantUpdateError)) verdict = 'refused'
    }
    trace.push({ verdict, finalized: root(store.finalizedHeader), optimistic: root(store.optimisticHeader) })
  }
  return trace
}

export async function runLodestar(input: OracleInput): Promise<Trace> {
  const { checkpoint, currentSlot } = input
  // Lodestar's own fork config (ours is a subset of it, tests/lib/consensus/createLightClientConfig.test.ts): nothing of ours in its verdict.
  const config = createBeaconConfig(input.config, input.config.genesisValidatorsRoot)
  const { bootstrap, steps } = decode(input)
  try {
    await Lightclient.initializeFromCheckpointRoot({
      config, logger: silent, genesisData: { genesisTime: 0, genesisValidatorsRoot: config.genesisValidatorsRoot },
      transport: { getBootstrap: async () => ({ version: config.getForkName(bootstrap.header.beacon.slot), data: bootstrap }) } as never,
      checkpointRoot: hexToBytes(checkpoint),
    })
  } catch {
    return [{ verdict: 'refused', finalized: '', optimistic: '' }]
  }
  let spec: LightclientSpec
  try {
    spec = new LightclientSpec(config, {}, bootstrap as LightClientBootstrap)
  } catch {
    // Its store decompresses every committee key: an invalid one refuses the bootstrap.
    return [{ verdict: 'refused', finalized: '', optimistic: '' }]
  }
  const trace: Trace = [{ verdict: 'accepted', finalized: root(spec.store.finalizedHeader), optimistic: root(spec.store.optimisticHeader) }]
  for (const { kind, value } of steps) {
    let verdict: Trace[number]['verdict'] = 'accepted'
    try {
      if (kind === 'update') spec.onUpdate(currentSlot, value as LightClientUpdate)
      else if (kind === 'finalityUpdate') spec.onFinalityUpdate(currentSlot, value as never)
      else spec.onOptimisticUpdate(currentSlot, value as never)
    } catch {
      verdict = 'refused'
    }
    trace.push({ verdict, finalized: root(spec.store.finalizedHeader), optimistic: root(spec.store.optimisticHeader) })
  }
  return trace
}

/** The steps of a recorded chain: its updates in order, then the finality and the optimistic update. */
export function stepsOf(chain: { updates: unknown[]; finality?: unknown; optimistic?: unknown }): OracleInput['steps'] {
  return [
    ...chain.updates.map((json) => ({ kind: 'update' as const, json })),
    ...(chain.finality ? [{ kind: 'finalityUpdate' as const, json: chain.finality }] : []),
    ...(chain.optimistic ? [{ kind: 'optimisticUpdate' as const, json: chain.optimistic }] : []),
  ]
}
