import { afterEach, describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/lib/consensus/clock.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import type { LightClientTransportFactory } from '../../../src/lib/consensus/LightClientTransport.ts'
import { memoryTransport } from '../../../src/lib/consensus/memoryTransport.ts'
import { getNetwork } from '../../../src/lib/consensus/networks.ts'
import { type FakeBeaconApi, type RecordedChain, startFakeBeaconApi } from './fakeBeaconApi.ts'
import { HELIOS_CHECKPOINT, flipBit, heliosChain, heliosTampers as tampers, msAtSlot } from './heliosChain.ts'

const servers: FakeBeaconApi[] = []
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())) })

async function serve(chain: RecordedChain) {
  const api = await startFakeBeaconApi({ chain })
  servers.push(api)
  return api
}

function client(urls: string[]) {
  return new LightClient({
    network: getNetwork({ name: 'mainnet', beaconApis: urls }),
    checkpoint: HELIOS_CHECKPOINT,
    clock: createFixedClock({ nowMs: msAtSlot(7109433) }),
  })
}

/** The same light client on the recorded chain served from memory: for what needs a source of updates, not HTTP. */
function recordedClient(chain: RecordedChain, network = getNetwork({ name: 'mainnet' })) {
  const transport = memoryTransport({ data: chain })
  return { transport, lc: new LightClient({ network, transport, checkpoint: HELIOS_CHECKPOINT, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) }) }
}

const EXPECTED_FINALIZED = {
  slot: 7109344,
  beaconRoot: '0xa9bb1965a6288f64374a9425f5ecb90dd81239cc2ae1a8ec8b673c13c9d2586a',
  execution: {
    number: 17923026n,
    blockHash: '0xbc8499537876e5406c7a65e25f99063f1cd85a17014a3aa5ade38271b1fbf64f',
    stateRoot: '0x226f5ff47ab3725b5a4a3afc74b1e79e4aa3a29704561eccce590e58900baec3',
  },
}

describe('LightClient on the helios mainnet capella chain (p862..867)', () => {
  it('syncs from the checkpoint through five committee hand-overs to the expected finalized header', async () => {
    const { lc } = recordedClient(heliosChain())
    const heads: number[] = []
    lc.subscribe((e) => { if (e.type === 'head') heads.push(e.optimistic.slot) })
    await lc.init()
    expect(lc.state).toMatchObject({ status: 'syncing', checkpoint: { root: HELIOS_CHECKPOINT, source: 'user' }, syncPeriod: 862 })
    await lc.syncOnce()
    const state = lc.state
    expect(state.status).toBe('synced')
    expect(state.finalized).toMatchObject(EXPECTED_FINALIZED)
    expect(state.optimistic).toMatchObject({ slot: 7109431, execution: { number: 17923113n } })
    expect(state.syncPeriod).toBe(867)
    expect(state.participation).toEqual({ participants: 510, size: 512 })
    expect(state.msSinceLastUpdate).toBe(0)
    expect(heads).toEqual([7109431])
    expect(await lc.getExecutionHeader('finalized')).toMatchObject(EXPECTED_FINALIZED.execution)
    expect((await lc.getExecutionHeader('latest')).number).toBe(17923113n)
    expect((await lc.getExecutionHeader(17923026n)).blockHash).toBe(EXPECTED_FINALIZED.execution.blockHash)
    await expect(lc.getExecutionHeader(1n)).rejects.toMatchObject({ name: 'HeaderNotAvailableError' })
  })

  it('start() keeps syncing in the background, emits state events, and stop() ends the loop', async () => {
    const { lc, transport } = recordedClient(heliosChain())
    const statuses: string[] = []
    const synced = new Promise<void>((resolve) => lc.subscribe((e) => {
      if (e.type !== 'state') return
      if (statuses.at(-1) !== e.state.status) statuses.push(e.state.status)
      if (e.state.status === 'synced') resolve()
    }))
    const running = lc.start()
    await synced
    await lc.stop()
    await running
    const count = transport.requests.length
    await new Promise((r) => setTimeout(r, 50))
    expect(transport.requests.length).toBe(count)
    expect(statuses).toEqual(['bootstrapping', 'syncing', 'synced'])
  })

  it.each(tampers)('rejects %s, marks the endpoint faulty and finishes from the honest one', async (_, tamper, errorName) => {
    const bad = heliosChain()
    tamper(bad)
    const [evil, honest] = [await serve(bad), await serve(heliosChain())]
    const lc = client([evil.url, honest.url])
    await lc.init()
    await lc.syncOnce()
    const state = lc.state
    expect(state.finalized).toMatchObject(EXPECTED_FINALIZED)
    expect(state.status).toBe('synced')
    const [evilHealth, honestHealth] = state.endpoints
    expect(evilHealth).toMatchObject({ faulty: true, faultsProven: 1, lastError: { name: errorName } })
    expect(honestHealth).toMatchObject({ faulty: false, faultsProven: 0, failures: 0 })
  })

  it('start() asks for the bootstrap first, and for the first hand-overs while the bootstrap is still being verified', async () => {
    const recorded = memoryTransport({ data: heliosChain() })
    const asked: string[] = []
    const calls: string[] = []
    const transport: LightClientTransportFactory = (context) => {
      const inner = recorded(context)
      return {
        ...inner,
        getBootstrap: (params) => (calls.push('bootstrap'), inner.getBootstrap(params)),
        getFinalityUpdate: (params) => (calls.push('finality'), inner.getFinalityUpdate(params)),
        getOptimisticUpdates: (params) => (calls.push('optimistic'), inner.getOptimisticUpdates(params)),
        getUpdates: (params) => (calls.push('updates'), asked.push(lc.state.status), inner.getUpdates(params)),
      }
    }
    const lc = new LightClient({ network: getNetwork({ name: 'mainnet' }), transport, checkpoint: HELIOS_CHECKPOINT, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    const synced = new Promise<void>((resolve) => lc.subscribe((e) => { if (e.type === 'state' && e.state.status === 'synced') resolve() }))
    const running = lc.start()
    await synced
    await lc.stop()
    await running
    // syncOnce() asks once the store exists ('syncing'); start() before the bootstrap is verified.
    expect(asked[0]).toBe('bootstrapping')
    // The bootstrap is the request on the path to the head: the round's heads go out after it.
    expect(calls[0]).toBe('bootstrap')
    expect(calls).toEqual(expect.arrayContaining(['finality', 'optimistic', 'updates']))
    expect(lc.state.finalized).toMatchObject(EXPECTED_FINALIZED)
  })

  // start() asks for the first hand-overs as soon as the bootstrap's header is the trusted block's,
  // while the rest of the bootstrap is verified: nothing of theirs counts before the store exists.
  it.each(tampers)('start() rejects %s, marks the endpoint faulty and finishes from the honest one', async (_, tamper, errorName) => {
    const bad = heliosChain()
    tamper(bad)
    const [evil, honest] = [await serve(bad), await serve(heliosChain())]
    const lc = client([evil.url, honest.url])
    const synced = new Promise<void>((resolve) => lc.subscribe((e) => { if (e.type === 'state' && e.state.status === 'synced') resolve() }))
    const running = lc.start()
    await synced
    await lc.stop()
    await running
    const state = lc.state
    expect(state.finalized).toMatchObject(EXPECTED_FINALIZED)
    const [evilHealth, honestHealth] = state.endpoints
    expect(evilHealth).toMatchObject({ faulty: true, faultsProven: 1, lastError: { name: errorName } })
    expect(honestHealth).toMatchObject({ faulty: false, faultsProven: 0, failures: 0 })
  })

  it('rejects every update for a network with another genesis validators root (wrong signing domain)', async () => {
    const api = await serve(heliosChain())
    const network = { ...getNetwork({ name: 'mainnet', beaconApis: [api.url] }), genesisValidatorsRoot: getNetwork({ name: 'sepolia' }).genesisValidatorsRoot }
    const lc = new LightClient({ network, checkpoint: HELIOS_CHECKPOINT, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await lc.init()
    await lc.syncOnce()
    expect(lc.state.status).toBe('stalled')
    expect(lc.state.finalized!.slot).toBe(7069376)
    expect(lc.state.endpoints[0]).toMatchObject({ faulty: true, lastError: { name: 'InvalidSyncSignatureError' } })
    // Later rounds ask nobody (the only endpoint is faulty), and the reason stays the proof, not an outage.
    await lc.syncOnce()
    await lc.syncOnce()
    const error = lc.state.error as unknown as { name: string; errors: { endpoint: string; error: Error; provenAt?: string }[] }
    expect(lc.state.status).toBe('stalled')
    expect(error.name).toBe('AllEndpointsFailedError')
    expect(error.errors).toEqual([expect.objectContaining({ endpoint: api.url, error: expect.objectContaining({ name: 'InvalidSyncSignatureError' }) })])
    expect(lc.state.reason).toMatch(/: the only one was caught serving data that fails verification\.$/)
  })

  it('ends in status error when the only endpoint serves a bootstrap for another root', async () => {
    const chain = heliosChain()
    const wrongRoot = flipBit(HELIOS_CHECKPOINT)
    chain.bootstraps[wrongRoot] = chain.bootstraps[HELIOS_CHECKPOINT]
    const api = await serve(chain)
    const lc = new LightClient({
      network: getNetwork({ name: 'mainnet', beaconApis: [api.url] }),
      checkpoint: wrongRoot as `0x${string}`,
      clock: createFixedClock({ nowMs: msAtSlot(7109433) }),
    })
    const error = await lc.init().catch((e) => e)
    expect(error.name).toBe('AllEndpointsFailedError')
    expect(error.errors[0].error.name).toBe('TrustedRootMismatchError')
    expect(lc.state.status).toBe('error')
    expect(lc.state.reason).toContain('No beacon API could serve')
  })
})
