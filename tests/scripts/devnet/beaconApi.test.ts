import { createBeaconConfig, chainConfigFromJson, createChainForkConfig } from '@lodestar/config'
import { type ForkName, isForkPostAltair } from '@lodestar/params'
import { ssz, sszTypesFor } from '@lodestar/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { preferredMediaType } from '../../../scripts/devnet/beaconApiServer.ts'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'

const SSZ = { accept: 'application/octet-stream' }
const JSON_ = { accept: 'application/json' }

describe('the devnet Beacon API', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startTestDevnet({ periods: 1 })
  })
  afterAll(() => devnet?.stop())

  const get = (path: string, headers = JSON_) => fetch(`${devnet.beaconUrl}${path}`, { headers })

  async function both(path: string) {
    const [j, s] = await Promise.all([get(path), get(path, SSZ)])
    expect(j.status).toBe(200)
    expect(s.status).toBe(200)
    expect(s.headers.get('content-type')).toBe('application/octet-stream')
    const fork = j.headers.get('eth-consensus-version') as ForkName
    expect(fork).toBe('fulu')
    expect(s.headers.get('eth-consensus-version')).toBe(fork)
    const json = (await j.json()) as { version: string; data: unknown }
    expect(json.version).toBe(fork)
    return { fork, json, bytes: new Uint8Array(await s.arrayBuffer()) }
  }

  it('serves bootstrap, finality and optimistic updates that decode identically from JSON and SSZ for the announced fork', async () => {
    for (const path of [
      `/eth/v1/beacon/light_client/bootstrap/${devnet.checkpointRoot}`,
      '/eth/v1/beacon/light_client/finality_update',
      '/eth/v1/beacon/light_client/optimistic_update',
    ]) {
      // The two requests go out together, but a new slot can land between them (1 s slots on a
      // loaded machine): then the updates rightly differ by their signature slot. Ask again until
      // both answers are for the same slot; those must be identical.
      for (let attempt = 1; ; attempt++) {
        const { fork, json, bytes } = await both(path)
        if (!isForkPostAltair(fork)) throw new Error('pre-altair fork announced')
        const types = sszTypesFor(fork)
        const type = path.includes('bootstrap') ? types.LightClientBootstrap : path.includes('finality') ? types.LightClientFinalityUpdate : types.LightClientOptimisticUpdate
        const fromJson = (type as any).fromJson(json.data)
        const fromSsz = (type as any).deserialize(bytes)
        if (fromJson.signatureSlot !== fromSsz.signatureSlot && attempt < 20) continue
        expect((type as any).equals(fromJson, fromSsz)).toBe(true)
        break
      }
    }
  })

  it('serves updates by range as JSON and as length-prefixed SSZ chunks with the fork digest', async () => {
    const start = Math.floor(devnet.checkpointSlot / 8192)
    const path = `/eth/v1/beacon/light_client/updates?start_period=${start}&count=10`
    const j = await get(path)
    const list = (await j.json()) as { version: ForkName; data: unknown }[]
    expect(list.length).toBe(2) // the checkpoint's period and the head's
    const bytes = new Uint8Array(await (await get(path, SSZ)).arrayBuffer())
    const beaconConfig = createBeaconConfig(createChainForkConfig(chainConfigFromJson(devnet.chainConfig)), Buffer.from(devnet.genesisValidatorsRoot.slice(2), 'hex'))
    let offset = 0
    for (const item of list) {
      const length = ssz.UintNum64.deserialize(bytes.subarray(offset, offset + 8))
      const digest = bytes.subarray(offset + 8, offset + 12)
      expect(beaconConfig.forkDigest2ForkBoundary(digest).fork).toBe(item.version)
      expect(item.version).toBe('fulu')
      const type = ssz.fulu.LightClientUpdate
      const decoded = type.deserialize(bytes.subarray(offset + 12, offset + 8 + length))
      expect(type.equals(decoded, type.fromJson(item.data))).toBe(true)
      offset += 8 + length
    }
    expect(offset).toBe(bytes.length)
  })

  it('serves signed blocks whose roots are the headers the light client verifies, with the execution payload of anvil', async () => {
    const { fork, json, bytes } = await both('/eth/v2/beacon/blocks/head')
    expect(fork).toBe('fulu')
    const type = ssz.fulu.SignedBeaconBlock
    const block = type.deserialize(bytes)
    expect(type.equals(block, type.fromJson(json.data))).toBe(true)
    const root = ssz.fulu.BeaconBlock.hashTreeRoot(block.message)
    const header = (await (await get(`/eth/v1/beacon/headers/${block.message.slot}`)).json()) as any
    expect(header.data.root).toBe(`0x${Buffer.from(root).toString('hex')}`)
    const rpc = await fetch(devnet.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: [`0x${block.message.body.executionPayload.blockNumber.toString(16)}`, false] }),
    })
    const anvilBlock = ((await rpc.json()) as any).result
    expect(`0x${Buffer.from(block.message.body.executionPayload.blockHash).toString('hex')}`).toBe(anvilBlock.hash)
  })

  it('answers genesis, spec, headers and finality checkpoints', async () => {
    const genesis = (await (await get('/eth/v1/beacon/genesis')).json()) as any
    expect(genesis.data.genesis_validators_root).toBe(devnet.genesisValidatorsRoot)
    expect(Number(genesis.data.genesis_time)).toBe(devnet.genesisTime)
    const spec = (await (await get('/eth/v1/config/spec')).json()) as any
    expect(spec.data.SYNC_COMMITTEE_SIZE).toBe('512')
    expect(spec.data.EPOCHS_PER_SYNC_COMMITTEE_PERIOD).toBe('256')
    expect(spec.data.FULU_FORK_EPOCH).toBe('0')
    const head = (await (await get('/eth/v1/beacon/headers/head')).json()) as any
    expect(Number(head.data.header.message.slot)).toBeGreaterThanOrEqual(devnet.headSlot)
    const cp = (await (await get('/eth/v1/beacon/states/head/finality_checkpoints')).json()) as any
    expect(cp.data.finalized.root).toMatch(/^0x[0-9a-f]{64}$/)
  })

  it('gives 404 for an unknown root and 400 for a bad parameter, as beacon nodes do', async () => {
    expect((await get(`/eth/v1/beacon/light_client/bootstrap/0x${'ab'.repeat(32)}`)).status).toBe(404)
    expect((await get('/eth/v1/beacon/light_client/bootstrap/0x1234')).status).toBe(400)
    expect((await get('/eth/v1/beacon/light_client/updates?start_period=x&count=1')).status).toBe(400)
    expect((await get('/eth/v1/beacon/light_client/updates?start_period=0')).status).toBe(400)
    expect((await get('/eth/v1/beacon/headers/nonsense')).status).toBe(400)
    expect((await get('/eth/v2/beacon/blocks/1')).status).toBe(404)
    expect((await get('/eth/v1/events?topics=bogus')).status).toBe(400)
    expect((await get('/eth/v1/no/such/route')).status).toBe(404)
  })

  it('streams light-client updates as server-sent events', async () => {
    const ctrl = new AbortController()
    const res = await fetch(`${devnet.beaconUrl}/eth/v1/events?topics=light_client_optimistic_update`, { signal: ctrl.signal })
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const reader = res.body!.getReader()
    let text = ''
    const event = /event: light_client_optimistic_update\ndata: (.*)\n\n/
    while (!event.test(text)) {
      const { value, done } = await reader.read()
      if (done) break
      text += new TextDecoder().decode(value)
    }
    ctrl.abort()
    const data = JSON.parse(event.exec(text)![1])
    expect(data.version).toBe('fulu')
    const update = ssz.fulu.LightClientOptimisticUpdate.fromJson(data.data)
    expect(update.signatureSlot).toBeGreaterThan(update.attestedHeader.beacon.slot)
  })

  it('negotiates the media type by q-value', () => {
    expect(preferredMediaType('application/octet-stream;q=1,application/json;q=0.9')).toBe('application/octet-stream')
    expect(preferredMediaType('application/json;q=1,application/octet-stream;q=0.9')).toBe('application/json')
    expect(preferredMediaType('application/octet-stream;q=0')).toBe('application/json')
    expect(preferredMediaType(undefined)).toBe('application/json')
    expect(preferredMediaType('*/*')).toBe('application/json')
  })
})
