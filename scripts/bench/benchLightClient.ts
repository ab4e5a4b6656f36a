import bls from '@chainsafe/bls'
import type { PublicKey } from '@chainsafe/bls/types'
import { LightclientSpec } from '@lodestar/light-client/spec'
import { DOMAIN_SYNC_COMMITTEE } from '@lodestar/params'
import { type LightClientBootstrap, type LightClientUpdate, ssz } from '@lodestar/types'
import { hexToBytes } from 'viem'
import type { Devnet } from '../devnet/startDevnet.ts'
import { LightClient } from '../../src/lib/consensus/LightClient.ts'
import { decodeLightClientData } from '../../src/lib/consensus/decodeLightClientData.ts'
import { type Network, createNetworkBeaconConfig } from '../../src/lib/consensus/networks.ts'
import { verifyLightClientBootstrap } from '../../src/lib/consensus/verifyLightClientBootstrap.ts'
import { time, toMetric } from './measure.ts'
import { pairedRatios } from './summarize.ts'
import { type BenchOptions, type SectionResult, createSection } from './types.ts'

const SLOTS_PER_PERIOD = 8192

async function getJson(url: string): Promise<{ json: unknown; fork: string | null }> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`)
  return { json: await response.json(), fork: response.headers.get('eth-consensus-version') }
}

export type BenchLightClientParameters = { devnet: Devnet; network: Network; options: BenchOptions }

/**
 * Light-client work in Node: the processing of a bootstrap, a committee hand-over and a finality
 * update (decode + verify + apply, data already fetched), each divided by the raw BLS operations it
 * needs, timed with the same BLS backend in the same iteration; plus the end-to-end LightClient
 * (bootstrap, then checkpoint to synced head) over loopback HTTP.
 */
export async function benchLightClient({ devnet, network, options }: BenchLightClientParameters): Promise<SectionResult> {
  const section = createSection('lightClient', 'Light-client work in Node (devnet, mainnet preset, 512-key committees)')
  const config = createNetworkBeaconConfig(network)
  const base = devnet.beaconUrl
  const checkpointPeriod = Math.floor(devnet.checkpointSlot / SLOTS_PER_PERIOD)
  const [bootstrapRaw, updatesRaw, finalityRaw, optimisticRaw] = await Promise.all([
    getJson(`${base}/eth/v1/beacon/light_client/bootstrap/${devnet.checkpointRoot}`),
    getJson(`${base}/eth/v1/beacon/light_client/updates?start_period=${checkpointPeriod}&count=2`),
    getJson(`${base}/eth/v1/beacon/light_client/finality_update`),
    getJson(`${base}/eth/v1/beacon/light_client/optimistic_update`),
  ])
  const updatesJson = updatesRaw.json as unknown[]
  if (updatesJson.length < 2) throw new Error(`the devnet served ${updatesJson.length} updates from period ${checkpointPeriod}; two are needed`)
  const decode = <K extends 'bootstrap' | 'update' | 'finalityUpdate' | 'optimisticUpdate'>(kind: K, json: unknown, fork?: string | null) =>
    decodeLightClientData({ config, kind, json, announcedFork: fork, url: base }).value
  const currentSlot = () => Math.floor((Date.now() / 1000 - devnet.genesisTime) / devnet.secondsPerSlot) + 1
  const events = { onSetFinalizedHeader: () => {}, onSetOptimisticHeader: () => {} }

  const bootstrap = decode('bootstrap', bootstrapRaw.json, bootstrapRaw.fork) as LightClientBootstrap
  const update0 = decode('update', updatesJson[0]) as LightClientUpdate
  const update1 = decode('update', updatesJson[1]) as LightClientUpdate
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
    if (!signature.verify(aggregate, signingRoot)) throw new Error('the devnet update signature does not verify with the raw BLS call')
  }

  const samples = { decompress: [] as number[], aggregate: [] as number[], verify: [] as number[], bootstrap: [] as number[], handOver: [] as number[], finality: [] as number[], init: [] as number[], sync: [] as number[] }
  const runs = options.runs + 1 // the first is a warm-up (JIT), dropped
  for (let run = 0; run < runs; run++) {
    const keep = run > 0
    const record = (key: keyof typeof samples, ms: number) => keep && samples[key].push(ms)

    record('decompress', (await time(() => committeeBytes.map((pk) => bls.PublicKey.fromBytes(pk)))).ms)
    const aggregated = await time(() => bls.PublicKey.aggregate(signers))
    record('aggregate', aggregated.ms)
    record('verify', (await time(() => verifyOnce(aggregated.value))).ms)

    record('bootstrap', (await time(() => {
      const value = decode('bootstrap', bootstrapRaw.json, bootstrapRaw.fork) as LightClientBootstrap
      verifyLightClientBootstrap({ config, trustedBlockRoot: hexToBytes(devnet.checkpointRoot), bootstrap: value })
      return new LightclientSpec(config, events, value)
    })).ms)

    // Hand-over: the update signed in the next period makes the spec load (decompress) the committee
    // announced by the previous update, then checks its signature with it.
    const handOverSpec = freshSpec()
    handOverSpec.onUpdate(currentSlot(), update0)
    record('handOver', (await time(() => handOverSpec.onUpdate(currentSlot(), decode('update', updatesJson[1]) as LightClientUpdate))).ms)
    if (!handOverSpec.store.syncCommittees.has(checkpointPeriod + 1)) throw new Error('the hand-over update did not load the next committee')

    // Finality: committees up to the current period already loaded (through the optimistic update).
    const finalitySpec = freshSpec()
    finalitySpec.onUpdate(currentSlot(), update0)
    finalitySpec.onUpdate(currentSlot(), update1)
    finalitySpec.onOptimisticUpdate(currentSlot(), decode('optimisticUpdate', optimisticRaw.json, optimisticRaw.fork))
    record('finality', (await time(() => finalitySpec.onFinalityUpdate(currentSlot(), decode('finalityUpdate', finalityRaw.json, finalityRaw.fork)))).ms)

    const lc = new LightClient({ network, checkpoint: devnet.checkpointRoot, minAgreeingEndpoints: 1 })
    record('init', (await time(() => lc.init())).ms)
    record('sync', (await time(() => lc.syncOnce())).ms)
    if (lc.state.status !== 'synced') throw new Error(`the LightClient ended ${lc.state.status}: ${lc.state.reason}`)
  }

  const sum = (...lists: number[][]) => lists[0]!.map((_, i) => lists.reduce((a, l) => a + l[i]!, 0))
  const blsHandOver = sum(samples.decompress, samples.aggregate, samples.verify)
  const blsFinality = sum(samples.aggregate, samples.verify)
  section.metrics.push(
    toMetric({ metric: `BLS: decompress ${committeeBytes.length} committee keys`, unit: 'ms', samples: samples.decompress }),
    toMetric({ metric: `BLS: aggregate ${signers.length} signer keys`, unit: 'ms', samples: samples.aggregate }),
    toMetric({ metric: 'BLS: 1 signature check (incl. decode)', unit: 'ms', samples: samples.verify }),
    toMetric({ metric: 'bootstrap (decode+verify+store)', unit: 'ms', samples: samples.bootstrap }),
    toMetric({ metric: 'bootstrap / BLS (decompress)', unit: 'x', samples: pairedRatios({ numerators: samples.bootstrap, denominators: samples.decompress }) }),
    toMetric({ metric: 'committee hand-over (1 update)', unit: 'ms', samples: samples.handOver }),
    toMetric({ metric: 'hand-over / BLS (decompress+agg+verify)', unit: 'x', samples: pairedRatios({ numerators: samples.handOver, denominators: blsHandOver }) }),
    toMetric({ metric: 'finality update', unit: 'ms', samples: samples.finality }),
    toMetric({ metric: 'finality / BLS (agg+verify)', unit: 'x', samples: pairedRatios({ numerators: samples.finality, denominators: blsFinality }) }),
    toMetric({ metric: 'LightClient.init() over HTTP (bootstrap)', unit: 'ms', samples: samples.init }),
    toMetric({ metric: 'LightClient.syncOnce(): checkpoint -> synced head', unit: 'ms', samples: samples.sync, note: `${Math.floor(devnet.headSlot / SLOTS_PER_PERIOD) - checkpointPeriod} hand-overs + finality + optimistic` }),
  )
  section.notes.push(`BLS backend: @chainsafe/bls ${bls.implementation} (the one @lodestar/light-client uses); ratios are per iteration, first iteration dropped as warm-up.`)
  section.details = { blsImplementation: bls.implementation, checkpointSlot: devnet.checkpointSlot, headSlot: devnet.headSlot, signers: signers.length }
  return section
}
