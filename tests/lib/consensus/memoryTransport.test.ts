import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/lib/consensus/clock.ts'
import { InvalidSyncSignatureError, NotRecordedError } from '../../../src/lib/consensus/errors.ts'
import { AllEndpointsFailedError } from '../../../src/lib/endpoints/errors.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { memoryTransport } from '../../../src/lib/consensus/memoryTransport.ts'
import { createNetworkConfig, getNetwork } from '../../../src/lib/consensus/networks.ts'
import { HELIOS_CHECKPOINT, heliosChain, heliosTampers, msAtSlot } from './heliosChain.ts'

const network = getNetwork({ name: 'mainnet' })
const context = { config: createNetworkConfig(network), now: () => 0, onHealthChange: () => {} }

describe('memoryTransport', () => {
  it('serves a recording decoded, the updates of the periods asked, and lists the routes asked', async () => {
    const factory = memoryTransport({ data: heliosChain() })
    const transport = factory(context)
    const { value: bootstrap, endpoint } = await transport.getBootstrap({ blockRoot: HELIOS_CHECKPOINT, verify: (b) => b })
    expect(endpoint).toBe('memory://recorded')
    expect(bootstrap.header.beacon.slot).toBe(7069376)
    const { value: periods } = await transport.getUpdates({ startPeriod: 863, count: 2, verify: (us) => us.map((u) => Math.floor(u.signatureSlot / 8192)) })
    expect(periods).toEqual([863, 864])
    expect(factory.requests).toEqual([
      `/eth/v1/beacon/light_client/bootstrap/${HELIOS_CHECKPOINT}`,
      '/eth/v1/beacon/light_client/updates?start_period=863&count=2',
    ])
  })

  it('reports a route it holds no recording for as a failure of its endpoint, not as a fault', async () => {
    const transport = memoryTransport({ data: { bootstraps: {}, updates: [] }, endpoint: 'memory://empty' })(context)
    const error = await transport.getFinalityUpdate({ verify: () => undefined }).catch((e) => e)
    expect(error).toBeInstanceOf(AllEndpointsFailedError)
    expect(error.errors[0].error).toBeInstanceOf(NotRecordedError)
    expect(error.errors[0].error).toMatchObject({ endpoint: 'memory://empty', route: '/eth/v1/beacon/light_client/finality_update' })
    expect(transport.pool.health[0]).toMatchObject({ url: 'memory://empty', failures: 1, faulty: false })
  })

  it('marks its endpoint faulty on a proven fault and asks it nothing more; the proof stays the reason', async () => {
    const factory = memoryTransport({ data: heliosChain() })
    const transport = factory(context)
    const forged = new InvalidSyncSignatureError({ signatureSlot: 1, attestedSlot: 0 })
    await expect(transport.getFinalityUpdate({ verify: () => { throw forged } })).rejects.toBeInstanceOf(AllEndpointsFailedError)
    expect(transport.pool.health[0]).toMatchObject({ faulty: true, faultsProven: 1, lastError: { name: 'InvalidSyncSignatureError' } })
    const asked = factory.requests.length
    const later = await transport.getOptimisticUpdates({ verify: () => 1 }).catch((e) => e)
    expect(factory.requests.length).toBe(asked)
    expect(later.errors).toEqual([expect.objectContaining({ endpoint: 'memory://recorded', error: forged, provenAt: '/eth/v1/beacon/light_client/finality_update' })])
  })

  it('names the recorded finalized root, so a light client can start from it without a pasted checkpoint', async () => {
    const transport = memoryTransport({ data: { ...heliosChain(), finalizedRoot: HELIOS_CHECKPOINT } })
    const lc = new LightClient({ network, transport, minAgreeingEndpoints: 1, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await lc.init()
    expect(lc.state.checkpoint).toEqual({ root: HELIOS_CHECKPOINT, source: 'agreed', agreeing: ['recorded'] })
    expect(transport.requests.slice(0, 2)).toEqual(['/eth/v1/beacon/headers/finalized', `/eth/v1/beacon/light_client/bootstrap/${HELIOS_CHECKPOINT}`])
  })

  // The same table LightClient.helios.test.ts runs over HTTP (with an honest endpoint to finish from):
  // each tampered recording is refused with the same error class when it is served from memory.
  it.each(heliosTampers)('refuses %s from memory with the same error class as over HTTP', async (_, tamper, errorName) => {
    const chain = heliosChain()
    tamper(chain)
    const lc = new LightClient({ network, transport: memoryTransport({ data: chain }), checkpoint: HELIOS_CHECKPOINT, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await lc.init().then(() => lc.syncOnce(), () => undefined)
    expect(lc.state.endpoints[0]).toMatchObject({ faulty: true, lastError: { name: errorName } })
  })
})
