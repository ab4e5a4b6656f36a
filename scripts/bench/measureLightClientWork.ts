import bls from '@chainsafe/bls'
import type { PublicKey } from '@chainsafe/bls/types'
import { LightclientSpec } from '@lodestar/light-client/spec'
import { DOMAIN_SYNC_COMMITTEE } from '@lodestar/params'
import { type LightClientBootstrap, type LightClientUpdate, ssz } from '@lodestar/types'
import { type Hex, hexToBytes } from 'viem'
import { LightClient } from '../../src/lib/consensus/LightClient.ts'
import { decodeLightClientData } from '../../src/lib/consensus/decodeLightClientData.ts'
import { type CreateCustomNetworkParameters, createCustomNetwork, createNetworkBeaconConfig } from '../../src/lib/consensus/networks.ts'
import { verifyLightClientBootstrap } from '../../src/lib/consensus/verifyLightClientBootstrap.ts'

const SLOTS_PER_PERIOD = 8192

/** Everything the measurement needs, as plain JSON (it also runs in the bench page in Chromium). */
export type LightClientWorkInput = {
  network: CreateCustomNetworkParameters
  beaconUrl: string
  checkpointRoot: Hex
  checkpointSlot: number
  secondsPerSlot: number
  /** Measured iterations; one more runs first as a warm-up and is dropped. */
  runs: number
  /** Also time LightClient.init() and syncOnce() over HTTP (in the browser, the Helios section does). */
  overHttp: boolean
}

export type LightClientWorkSamples = Record<'decompress' | 'aggregate' | 'verify' | 'bootstrap' | 'handOver' | 'finality' | 'init' | 'sync', number[]>

export type LightClientWorkResult = { samples: LightClientWorkSamples; committeeKeys: number; signers: number; blsImplementation: string }

const now = () => performance.now()
const time = async (fn: () => unknown): Promise<number> => {
  const start = now()
  await fn()
  return now() - start
}

async function getJson(url: string): Promise<{ json: unknown; fork: string | null }> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`)
  return { json: await response.json(), fork: response.headers.get('eth-consensus-version') }
}

/**
 * The light client's work on data already fetched (decode + verify + apply: a bootstrap, a
 * committee hand-over, a finality update) and the raw BLS operations it needs, timed with the same
 * BLS backend in the same iteration; plus LightClient.init() and checkpoint-to-synced syncOnce()
 * over HTTP. Runs in Node (native blst) and in the browser (herumi WASM) unchanged.
 */
export async function measureLightClientWork(input: LightClientWorkInput): Promise<LightClientWorkResult> {
  const network = createCustomNetwork({ ...input.network, beaconApis: [input.beaconUrl] })
  const config = createNetworkBeaconConfig(network)
  const base = input.beaconUrl
  const checkpointPeriod = Math.floor(input.checkpointSlot / SLOTS_PER_PERIOD)
  const [bootstrapRaw, updatesRaw, finalityRaw, optimisticRaw] = await Promise.all([
    getJson(`${base}/eth/v1/beacon/light_client/bootstrap/${input.checkpointRoot}`),
    getJson(`${base}/eth/v1/beacon/light_client/updates?start_period=${checkpointPeriod}&count=2`),
    getJson(`${base}/eth/v1/beacon/light_client/finality_update`),
    getJson(`${base}/eth/v1/beacon/light_client/optimistic_update`),
  ])
  const updatesJson = updatesRaw.json as unknown[]
  if (updatesJson.length < 2) throw new Error(`the beacon API served ${updatesJson.length} updates from period ${checkpointPeriod}; two are needed`)
  const decode = <K extends 'bootstrap' | 'update' | 'finalityUpdate' | 'optimisticUpdate'>(kind: K, json: unknown, fork?: string | null) =>
    decodeLightClientData({ config, kind, json, announcedFork: fork, url: base }).value
  const currentSlot = () => Math.floor((Date.now() / 1000 - input.network.genesisTime) / input.secondsPerSlot) + 1
  const events = { onSetFinalizedHeader: () => {}, onSetOptimisticHeader: () => {} }

  const bootstrap = decode('bootstrap', bootstrapRaw.json, bootstrapRaw.fork) as LightClientBootstrap
  const update0 = decode('update', updatesJson[0]) as LightClientUpdate
  const freshSpec = () => new LightclientSpec(config, events, bootstrap)

  // The raw BLS inputs: the checkpoint committee's compressed keys, the hand-over update's signers and signature.
  const committeeBytes = [...bootstrap.currentSyncCommittee.pubkeys, bootstrap.currentSyncCommittee.aggregatePubkey]
  const committee = bootstrap.currentSyncCommittee.pubkeys.map((pk) => bls.PublicKey.fromBytes(pk))
  const signers = update0.syncAggregate.syncCommitteeBits.getTrueBitIndexes().map((i) => committee[i]!)
  const signingRoot = ssz.phase0.SigningData.hashTreeRoot({
    objectRoot: ssz.phase0.BeaconBlockHeader.hashTreeRoot(update0.attestedHeader.beacon),
    domain: config.getDomain(update0.signatureSlot - 1, DOMAIN_SYNC_COMMITTEE),
  })
  const verifyOnce = (aggregate: PublicKey) => {
    const signature = bls.Signature.fromBytes(update0.syncAggregate.syncCommitteeSignature, undefined, true)
    if (!signature.verify(aggregate, signingRoot)) throw new Error('the update signature does not verify with the raw BLS call')
  }

  const samples: LightClientWorkSamples = { decompress: [], aggregate: [], verify: [], bootstrap: [], handOver: [], finality: [], init: [], sync: [] }
  for (let run = 0; run < input.runs + 1; run++) {
    const record = (key: keyof LightClientWorkSamples, ms: number) => run > 0 && samples[key].push(ms)

    record('decompress', await time(() => committeeBytes.map((pk) => bls.PublicKey.fromBytes(pk))))
    let aggregate: PublicKey | undefined
    record('aggregate', await time(() => (aggregate = bls.PublicKey.aggregate(signers))))
    record('verify', await time(() => verifyOnce(aggregate!)))

    record('bootstrap', await time(() => {
      const value = decode('bootstrap', bootstrapRaw.json, bootstrapRaw.fork) as LightClientBootstrap
      verifyLightClientBootstrap({ config, trustedBlockRoot: hexToBytes(input.checkpointRoot), bootstrap: value })
      return new LightclientSpec(config, events, value)
    }))

    // Hand-over: the update signed in the next period makes the spec load (decompress) the committee
    // announced by the previous update, then checks its signature with it.
    const spec = freshSpec()
    spec.onUpdate(currentSlot(), update0)
    record('handOver', await time(() => spec.onUpdate(currentSlot(), decode('update', updatesJson[1]) as LightClientUpdate)))
    if (!spec.store.syncCommittees.has(checkpointPeriod + 1)) throw new Error('the hand-over update did not load the next committee')

    // Finality, on the same store: committees up to the current period already loaded (through the optimistic update).
    spec.onOptimisticUpdate(currentSlot(), decode('optimisticUpdate', optimisticRaw.json, optimisticRaw.fork))
    record('finality', await time(() => spec.onFinalityUpdate(currentSlot(), decode('finalityUpdate', finalityRaw.json, finalityRaw.fork))))

    if (!input.overHttp) continue
    const lc = new LightClient({ network, checkpoint: input.checkpointRoot, minAgreeingEndpoints: 1 })
    record('init', await time(() => lc.init()))
    record('sync', await time(() => lc.syncOnce()))
    if (lc.state.status !== 'synced') throw new Error(`the LightClient ended ${lc.state.status}: ${lc.state.reason}`)
  }
  return { samples, committeeKeys: committeeBytes.length, signers: signers.length, blsImplementation: bls.implementation }
}
