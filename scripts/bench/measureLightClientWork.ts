import { computeSyncCommitteePeriodAtSlot } from '../../src/lib/consensus/spec/computeSyncCommitteePeriodAtSlot.ts'
import bls from '@chainsafe/bls'
import type { PublicKey } from '@chainsafe/bls/types'
import { createBeaconConfig } from '@lodestar/config'
import { LightclientSpec } from '@lodestar/light-client/spec'
import { DOMAIN_SYNC_COMMITTEE } from '@lodestar/params'
import { type LightClientBootstrap, type LightClientUpdate, ssz } from '@lodestar/types'
import { type Hex, hexToBytes } from 'viem'
import type { BlsBackend } from '../../src/lib/consensus/bls/BlsBackend.ts'
import { chainsafeBls } from '../../src/lib/consensus/bls/chainsafeBls.ts'
import { nobleBls } from '../../src/lib/consensus/bls/nobleBls.ts'
import { LightClient } from '../../src/lib/consensus/LightClient.ts'
import { decodeLightClientData } from '../../src/lib/consensus/decodeLightClientData.ts'
import { type CreateCustomNetworkParameters, createCustomNetwork, createNetworkConfig } from '../../src/lib/consensus/networks.ts'
import { initializeLightClientStore } from '../../src/lib/consensus/spec/initializeLightClientStore.ts'
import { processLightClientUpdate } from '../../src/lib/consensus/spec/processLightClientUpdate.ts'
import { toLightClientUpdate } from '../../src/lib/consensus/spec/toLightClientUpdate.ts'
import { validateSyncCommittee } from '../../src/lib/consensus/spec/validateSyncCommittee.ts'
import { verifyLightClientBootstrap } from '../../src/lib/consensus/verifyLightClientBootstrap.ts'


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

export type LightClientWorkSamples = Record<
  | 'decompress' | 'aggregate' | 'verify' | 'bootstrap' | 'handOver' | 'finality' | 'init' | 'sync'
  | 'lodestarBootstrap' | 'lodestarHandOver' | 'lodestarFinality', number[]>

/** Our core's work with one BLS backend (the candidates of the README's choice). */
export type BackendSamples = Record<'bootstrap' | 'handOver' | 'finality' | 'validate' | 'keys' | 'verify', number[]>

export type LightClientWorkResult = {
  samples: LightClientWorkSamples
  /** Per candidate backend (noble; @chainsafe/bls: native blst in Node, herumi 0.4.8 in the browser). */
  backends: Record<string, BackendSamples>
  /** The backend the app's LightClient uses here (the plain metric names measure it). */
  appBackend: string
  committeeKeys: number
  signers: number
  nonSigners: number
  blsImplementation: string
}

/** The app's choice: native blst in Node, noble in the browser (see the README's light-client section). */
const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof window === 'undefined'

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
 * committee hand-over, a finality update) by our core with each candidate BLS backend, by
 * Lodestar's LightclientSpec (before), and the raw BLS operations, in the same iteration; plus
 * LightClient.init() and checkpoint-to-synced syncOnce() over HTTP. Runs in Node and in the
 * browser unchanged.
 */
export async function measureLightClientWork(input: LightClientWorkInput): Promise<LightClientWorkResult> {
  const network = createCustomNetwork({ ...input.network, beaconApis: [input.beaconUrl] })
  const config = createNetworkConfig(network)
  // Lodestar's LightclientSpec (the before) runs on Lodestar's own fork config.
  const lodestarConfig = createBeaconConfig(network.chainConfig, config.genesisValidatorsRoot)
  const base = input.beaconUrl
  const checkpointPeriod = computeSyncCommitteePeriodAtSlot(input.checkpointSlot)
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
  const freshSpec = () => new LightclientSpec(lodestarConfig, events, bootstrap)

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

  const samples: LightClientWorkSamples = {
    decompress: [], aggregate: [], verify: [], bootstrap: [], handOver: [], finality: [], init: [], sync: [],
    lodestarBootstrap: [], lodestarHandOver: [], lodestarFinality: [],
  }
  const candidates: BlsBackend[] = [nobleBls, chainsafeBls]
  const appBackend = isNode ? chainsafeBls : nobleBls
  const backends: Record<string, BackendSamples> = Object.fromEntries(candidates.map((b) => [b.name, { bootstrap: [], handOver: [], finality: [], validate: [], keys: [], verify: [] }]))
  const update1Json = updatesJson[1]
  const trustedBlockRoot = hexToBytes(input.checkpointRoot)

  /** Our core: bootstrap, hand-over (the update signed in the next period), finality; and the idle full validation. */
  const measureCore = async (bls: BlsBackend, record: (key: keyof BackendSamples, ms: number) => void) => {
    const context = { config, bls }
    let store!: ReturnType<typeof initializeLightClientStore>
    record('bootstrap', await time(() => {
      store = initializeLightClientStore({ config, trustedBlockRoot, bootstrap: decode('bootstrap', bootstrapRaw.json, bootstrapRaw.fork) as LightClientBootstrap })
    }))
    processLightClientUpdate({ context, store, update: decode('update', updatesJson[0]) as LightClientUpdate, currentSlot: currentSlot() })
    record('handOver', await time(() => processLightClientUpdate({ context, store, update: decode('update', update1Json) as LightClientUpdate, currentSlot: currentSlot() })))
    if (computeSyncCommitteePeriodAtSlot(store.finalizedHeader.beacon.slot) !== checkpointPeriod + 1) throw new Error(`${bls.name}: the hand-over did not reach period ${checkpointPeriod + 1}`)
    processLightClientUpdate({ context, store, update: toLightClientUpdate(config, decode('optimisticUpdate', optimisticRaw.json, optimisticRaw.fork)), currentSlot: currentSlot() })
    record('finality', await time(() => processLightClientUpdate({ context, store, update: toLightClientUpdate(config, decode('finalityUpdate', finalityRaw.json, finalityRaw.fork)), currentSlot: currentSlot() })))
    record('validate', await time(() => validateSyncCommittee({ bls, committee: bootstrap.currentSyncCommittee, committeeRoot: '0x' })))
    record('keys', await time(() => bootstrap.currentSyncCommittee.pubkeys.map((k) => bls.publicKey(k))))
    const key = bls.publicKey(bootstrap.currentSyncCommittee.aggregatePubkey)
    const allSigned = update0.syncAggregate.syncCommitteeBits.getTrueBitIndexes().length === bootstrap.currentSyncCommittee.pubkeys.length
    record('verify', await time(() => {
      const ok = bls.verify(key, signingRoot, update0.syncAggregate.syncCommitteeSignature)
      if (allSigned && !ok) throw new Error(`${bls.name}: the update signature does not verify`)
    }))
  }

  for (let run = 0; run < input.runs + 1; run++) {
    const record = (key: keyof LightClientWorkSamples, ms: number) => run > 0 && samples[key].push(ms)

    record('decompress', await time(() => committeeBytes.map((pk) => bls.PublicKey.fromBytes(pk))))
    let aggregate: PublicKey | undefined
    record('aggregate', await time(() => (aggregate = bls.PublicKey.aggregate(signers))))
    record('verify', await time(() => verifyOnce(aggregate!)))

    // Before: Lodestar's LightclientSpec (what the app ran until the own core), same data.
    record('lodestarBootstrap', await time(() => {
      const value = decode('bootstrap', bootstrapRaw.json, bootstrapRaw.fork) as LightClientBootstrap
      verifyLightClientBootstrap({ config, trustedBlockRoot, bootstrap: value })
      return new LightclientSpec(lodestarConfig, events, value)
    }))
    // Hand-over: the update signed in the next period makes the spec load (decompress) the committee
    // announced by the previous update, then checks its signature with it.
    const spec = freshSpec()
    spec.onUpdate(currentSlot(), update0)
    record('lodestarHandOver', await time(() => spec.onUpdate(currentSlot(), decode('update', update1Json) as LightClientUpdate)))
    if (!spec.store.syncCommittees.has(checkpointPeriod + 1)) throw new Error('the hand-over update did not load the next committee')
    // Finality, on the same store: committees up to the current period already loaded (through the optimistic update).
    spec.onOptimisticUpdate(currentSlot(), decode('optimisticUpdate', optimisticRaw.json, optimisticRaw.fork))
    record('lodestarFinality', await time(() => spec.onFinalityUpdate(currentSlot(), decode('finalityUpdate', finalityRaw.json, finalityRaw.fork))))

    // After: our core, with every candidate backend; the plain metric names are the app's backend.
    for (const candidate of candidates) {
      await measureCore(candidate, (key, ms) => {
        if (run === 0) return
        backends[candidate.name]![key].push(ms)
        if (candidate === appBackend && (key === 'bootstrap' || key === 'handOver' || key === 'finality')) samples[key].push(ms)
      })
    }

    if (!input.overHttp) continue
    // The seconds of BLS work above can outlast the keep-alive of the pooled loopback connection
    // (a reset on reuse, which Node's fetch does not retry as browsers do): then a fresh client, once.
    let lc = new LightClient({ network, checkpoint: input.checkpointRoot, minAgreeingEndpoints: 1 })
    const initMs = await time(() => lc.init()).catch(() => {
      lc = new LightClient({ network, checkpoint: input.checkpointRoot, minAgreeingEndpoints: 1 })
      return time(() => lc.init())
    })
    record('init', initMs)
    // Rounds until synced (one, unless the loaded machine let the clock run past the head meanwhile).
    record('sync', await time(async () => {
      for (let round = 0; round < 5 && lc.state.status !== 'synced'; round++) await lc.syncOnce()
    }))
    if (lc.state.status !== 'synced') throw new Error(`the LightClient ended ${lc.state.status}: ${lc.state.reason}`)
  }
  const nonSigners = bootstrap.currentSyncCommittee.pubkeys.length - update0.syncAggregate.syncCommitteeBits.getTrueBitIndexes().length
  return { samples, backends, appBackend: appBackend.name, committeeKeys: committeeBytes.length, signers: signers.length, nonSigners, blsImplementation: bls.implementation }
}
