import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { decodeLightClientData, decodeLightClientUpdates, lightClientSszType, typeNames } from '../../../src/lib/consensus/decodeLightClientData.ts'
import { decodeLightClientSsz, decodeLightClientUpdatesSsz } from '../../../src/lib/consensus/decodeLightClientSsz.ts'
import { ForkMismatchError } from '../../../src/lib/consensus/errors.ts'
import { MalformedResponseError } from '../../../src/lib/endpoints/errors.ts'
import { createCustomNetwork, createNetworkConfig } from '../../../src/lib/consensus/networks.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { flipHexByte } from '../../helpers/faultProxy.ts'
import { type OracleInput, runLodestar, runOurCore, stepsOf } from './oracle.ts'

describe('our core and Lodestar\'s LightclientSpec agree on the devnet (real BLS, hand-overs) and on tampered copies', () => {
  let devnet: Devnet
  let data: { bootstrap: any; updates: any[]; finality: any; optimistic: any }
  let base: Omit<OracleInput, 'bootstrap' | 'steps'>
  beforeAll(async () => {
    devnet = await startTestDevnet({ periods: 2, autoProduce: false })
    const get = async (path: string) => (await fetch(devnet.beaconUrl + path, { headers: { accept: 'application/json' } })).json()
    const start = Math.floor(devnet.checkpointSlot / 8192)
    data = {
      bootstrap: await get(`/eth/v1/beacon/light_client/bootstrap/${devnet.checkpointRoot}`),
      updates: await get(`/eth/v1/beacon/light_client/updates?start_period=${start}&count=8`),
      finality: await get('/eth/v1/beacon/light_client/finality_update'),
      optimistic: await get('/eth/v1/beacon/light_client/optimistic_update'),
    }
    const network = createCustomNetwork({
      name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime, beaconApis: [devnet.beaconUrl],
    })
    base = { config: createNetworkConfig(network), checkpoint: devnet.checkpointRoot, currentSlot: Number(data.optimistic.data.signature_slot) + 1 }
  })
  afterAll(async () => { await devnet?.stop() })

  const input = (tamper?: (d: typeof data) => void): OracleInput => {
    const d = structuredClone(data)
    tamper?.(d)
    return { ...base, bootstrap: d.bootstrap, steps: stepsOf(d) }
  }

  it('on the untampered chain: every step accepted, through the hand-overs to the head', async () => {
    expect(data.updates.length).toBeGreaterThanOrEqual(2)
    const ours = runOurCore(input())
    expect(ours).toEqual(await runLodestar(input()))
    expect(runOurCore(input(), { batched: true })).toEqual(ours)
    expect(ours.every((t) => t.verdict === 'accepted')).toBe(true)
  })

  it.each([
    ['a flipped bit in a signature', (d: typeof data) => {
      d.updates[1].data.sync_aggregate.sync_committee_signature = flipHexByte(d.updates[1].data.sync_aggregate.sync_committee_signature, 40)
    }],
    ['signatures swapped between updates', (d: typeof data) => {
      const [a, b] = [d.updates[0].data.sync_aggregate, d.updates[1].data.sync_aggregate]
      ;[a.sync_committee_signature, b.sync_committee_signature] = [b.sync_committee_signature, a.sync_committee_signature]
    }],
    ['a changed node of the next-sync-committee branch', (d: typeof data) => {
      d.updates[0].data.next_sync_committee_branch[2] = flipHexByte(d.updates[0].data.next_sync_committee_branch[2])
    }],
    ['a changed node of the finality branch', (d: typeof data) => {
      d.updates[0].data.finality_branch[0] = flipHexByte(d.updates[0].data.finality_branch[0])
    }],
    ['a next sync committee with one key swapped', (d: typeof data) => {
      d.updates[0].data.next_sync_committee.pubkeys[7] = d.updates[0].data.next_sync_committee.pubkeys[8]
    }],
    ['a changed execution state root in an attested header', (d: typeof data) => {
      d.updates[0].data.attested_header.execution.state_root = flipHexByte(d.updates[0].data.attested_header.execution.state_root)
    }],
    ['a cleared participation bit in the finality update', (d: typeof data) => {
      const agg = d.finality.data.sync_aggregate
      agg.sync_committee_bits = '0xfe' + agg.sync_committee_bits.slice(4)
    }],
    ['a flipped bit in the optimistic update\'s signature', (d: typeof data) => {
      d.optimistic.data.sync_aggregate.sync_committee_signature = flipHexByte(d.optimistic.data.sync_aggregate.sync_committee_signature, 50)
    }],
    ['a bootstrap whose committee branch was altered', (d: typeof data) => {
      d.bootstrap.data.current_sync_committee_branch[0] = flipHexByte(d.bootstrap.data.current_sync_committee_branch[0])
    }],
  ] as const)('with %s', async (_, tamper) => {
    const ours = runOurCore(input(tamper))
    expect(ours).toEqual(await runLodestar(input(tamper)))
    // Verified ahead in one batch (a forgery makes the batch fail, then each is checked alone): the same verdicts.
    expect(runOurCore(input(tamper), { batched: true })).toEqual(ours)
    expect(ours.some((t) => t.verdict === 'refused')).toBe(true)
  })
})

describe('SSZ answers of the devnet (application/octet-stream) decode to the same data as its JSON', () => {
  let devnet: Devnet
  beforeAll(async () => { devnet = await startTestDevnet({ periods: 2, autoProduce: false }) })
  afterAll(async () => { await devnet?.stop() })

  it('bootstrap, updates, finality and optimistic updates; a truncated or mislabelled body is refused', async () => {
    const network = createCustomNetwork({
      name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime, beaconApis: [devnet.beaconUrl],
    })
    const config = createNetworkConfig(network)
    const start = Math.floor(devnet.checkpointSlot / 8192)
    const get = async (path: string, accept: string) => {
      const response = await fetch(devnet.beaconUrl + path, { headers: { accept } })
      return { fork: response.headers.get('eth-consensus-version'), type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) }
    }
    const kinds = [
      ['bootstrap', `/eth/v1/beacon/light_client/bootstrap/${devnet.checkpointRoot}`],
      ['finalityUpdate', '/eth/v1/beacon/light_client/finality_update'],
      ['optimisticUpdate', '/eth/v1/beacon/light_client/optimistic_update'],
    ] as const
    for (const [kind, path] of kinds) {
      const ssz = await get(path, 'application/octet-stream')
      expect(ssz.type).toBe('application/octet-stream')
      const json = JSON.parse(new TextDecoder().decode((await get(path, 'application/json')).bytes))
      const fromSsz = decodeLightClientSsz({ config, kind, bytes: ssz.bytes, announcedFork: ssz.fork, url: 'devnet' }).value
      const fromJson = decodeLightClientData({ config, kind, json, url: 'devnet' }).value
      const type = lightClientSszType(ssz.fork!, typeNames[kind])
      expect(JSON.stringify(type.toJson(fromSsz))).toBe(JSON.stringify(type.toJson(fromJson)))
      expect(() => decodeLightClientSsz({ config, kind, bytes: ssz.bytes.subarray(0, 100), announcedFork: ssz.fork, url: 'devnet' })).toThrow(MalformedResponseError)
      // Without the header (not exposed to CORS): the fork whose container fits the bytes and their slot.
      expect(JSON.stringify(type.toJson(decodeLightClientSsz({ config, kind, bytes: ssz.bytes, announcedFork: null, url: 'devnet' }).value))).toBe(JSON.stringify(type.toJson(fromJson)))
      expect(() => decodeLightClientSsz({ config, kind, bytes: ssz.bytes.subarray(0, 100), announcedFork: null, url: 'devnet' })).toThrow(MalformedResponseError)
      expect(() => decodeLightClientSsz({ config, kind, bytes: ssz.bytes, announcedFork: 'altair', url: 'devnet' })).toThrow(/SSZ|fork/)
    }
    const path = `/eth/v1/beacon/light_client/updates?start_period=${start}&count=8`
    const ssz = await get(path, 'application/octet-stream')
    const updates = decodeLightClientUpdatesSsz({ config, bytes: ssz.bytes, url: 'devnet' })
    const json = decodeLightClientUpdates({ config, json: JSON.parse(new TextDecoder().decode((await get(path, 'application/json')).bytes)), url: 'devnet' })
    expect(updates.map((u) => u.signatureSlot)).toEqual(json.map((u) => u.signatureSlot))
    expect(updates.length).toBeGreaterThanOrEqual(2)
    expect(() => decodeLightClientUpdatesSsz({ config, bytes: ssz.bytes.subarray(0, ssz.bytes.length - 1), url: 'devnet' })).toThrow(MalformedResponseError)
    const otherDigest = Uint8Array.from(ssz.bytes)
    otherDigest[8]! ^= 0xff
    expect(() => decodeLightClientUpdatesSsz({ config, bytes: otherDigest, url: 'devnet' })).toThrow(ForkMismatchError)
  })
})
