import { afterEach, describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/lib/consensus/clock.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { getNetwork } from '../../../src/lib/consensus/networks.ts'
import { type Answer, type FakeBeaconApi, type RecordedChain, startFakeBeaconApi } from './fakeBeaconApi.ts'
import { HELIOS_CHECKPOINT, heliosChain, msAtSlot } from './heliosChain.ts'

const servers: FakeBeaconApi[] = []
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())) })

async function serve(chain: RecordedChain, override?: (path: string) => Answer | undefined) {
  const api = await startFakeBeaconApi({ chain, override })
  servers.push(api)
  return api
}

const client = (urls: string[]) => new LightClient({
  network: getNetwork({ name: 'mainnet', beaconApis: urls }),
  checkpoint: HELIOS_CHECKPOINT,
  clock: createFixedClock({ nowMs: msAtSlot(7109433) }),
  timeoutMs: 1500,
  maxBytes: 1024 * 1024,
})

describe('malformed answers give a clear error and a failover, never a crash', () => {
  const malformed: [string, (path: string) => Answer | undefined, string][] = [
    ['invalid JSON for the bootstrap', (p) => p.includes('/bootstrap/') ? { body: '{"version":"capella","data":{"header":' } : undefined, 'MalformedResponseError'],
    ['wrong types in the bootstrap', (p) => p.includes('/bootstrap/') ? { body: { data: { header: { beacon: { slot: '7069376', proposer_index: [] } } } } } : undefined, 'MalformedResponseError'],
    ['an enormous updates answer', (p) => p.includes('/updates') ? 'huge' : undefined, 'ResponseTooLargeError'],
    ['a finality update that is not an object', (p) => p.endsWith('/finality_update') ? { body: { data: 'final' } } : undefined, 'MalformedResponseError'],
    ['a hung connection for the head', (p) => p.endsWith('/optimistic_update') ? 'hang' : undefined, 'RequestTimeoutError'],
    ['a body cut mid-way', (p) => p.includes('/updates') ? 'cut' : undefined, 'NetworkError'],
  ]

  it.each(malformed)('survives %s from the first endpoint', async (_, override, errorName) => {
    const evil = await serve(heliosChain(), override)
    const honest = await serve(heliosChain())
    const lc = client([evil.url, honest.url])
    await lc.init()
    await lc.syncOnce()
    const { finalized, status, endpoints } = lc.state
    expect(status).toBe('synced')
    expect(finalized!.beaconRoot).toBe('0xa9bb1965a6288f64374a9425f5ecb90dd81239cc2ae1a8ec8b673c13c9d2586a')
    expect(endpoints[0]).toMatchObject({ failures: 1, faulty: false, lastError: { name: errorName } })
    expect(endpoints[1]!.failures).toBe(0)
  })

  it('reports stalled with the reason when the only endpoint withholds updates, and flags it', async () => {
    const chain = heliosChain()
    const withholding = await serve(chain, (path) => path.includes('/updates') ? { body: [] } : undefined)
    const lc = client([withholding.url])
    await lc.init()
    await lc.syncOnce()
    expect(lc.state.endpoints[0]).toMatchObject({ withholding: true, faulty: false })
    expect(lc.state.status).toBe('stalled')
    expect(lc.state.error?.name).toBe('AllEndpointsFailedError')
    expect(lc.state.reason).toContain('updates?start_period=862')
  })

  it('flags an endpoint whose verified head lags behind another', async () => {
    const behind = heliosChain()
    // An honest but old head: the finality update's attested header is 100 slots... use the p866 update's attested header.
    behind.optimistic = { version: 'capella', data: { attested_header: behind.updates[4].data.attested_header, sync_aggregate: behind.updates[4].data.sync_aggregate, signature_slot: behind.updates[4].data.signature_slot } }
    const [slow, fast] = [await serve(behind), await serve(heliosChain())]
    const lc = client([slow.url, fast.url])
    await lc.init()
    await lc.syncOnce()
    const [s, f] = lc.state.endpoints
    expect(s).toMatchObject({ lagging: true, faulty: false })
    expect(f).toMatchObject({ lagging: false, lastHeadSlot: 7109431 })
    expect(s!.lastHeadSlot).toBeLessThan(7109431 - 64)
  })
})
