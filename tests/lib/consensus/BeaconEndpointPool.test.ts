import { afterEach, describe, expect, it } from 'vitest'
import { BeaconEndpointPool } from '../../../src/lib/consensus/BeaconEndpointPool.ts'
import { InvalidSyncSignatureError } from '../../../src/lib/consensus/errors.ts'
import { AllEndpointsFailedError, MalformedResponseError } from '../../../src/lib/endpoints/errors.ts'
import { type Answer, type FakeBeaconApi, startFakeBeaconApi } from './fakeBeaconApi.ts'

const servers: FakeBeaconApi[] = []
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())) })

async function serve(answer: Answer | ((path: string) => Answer)) {
  const api = await startFakeBeaconApi({ chain: { bootstraps: {}, updates: [] }, override: typeof answer === 'function' ? answer : () => answer })
  servers.push(api)
  return api
}

const honest = { body: { data: { value: 42 } } }
const readValue = ({ json }: { json: unknown }) => {
  const value = (json as { data?: { value?: unknown } }).data?.value
  if (typeof value !== 'number') throw new MalformedResponseError({ url: '', reason: 'value is not a number' })
  return value
}

describe('BeaconEndpointPool', () => {
  it.each([
    ['invalid JSON', { body: '{"data": {' } as Answer, 'MalformedResponseError'],
    ['wrong types', { body: { data: { value: '42' } } } as Answer, 'MalformedResponseError'],
    ['an HTTP 500', { status: 500, body: 'oops' } as Answer, 'HttpStatusError'],
    ['an enormous body', 'huge' as Answer, 'ResponseTooLargeError'],
    ['a hung connection', 'hang' as Answer, 'RequestTimeoutError'],
  ])('fails over from %s to the next endpoint and records why', async (_, bad, errorName) => {
    const [a, b] = [await serve(bad), await serve(honest)]
    const pool = new BeaconEndpointPool({ urls: [a.url, b.url], timeoutMs: 1500, maxBytes: 256 * 1024 })
    const { value, endpoint } = await pool.request({ path: '/x', handle: readValue })
    expect(value).toBe(42)
    expect(endpoint).toBe(b.url)
    const [ha, hb] = pool.health
    expect(ha!.failures).toBe(1)
    expect(ha!.lastError?.name).toBe(errorName)
    expect(ha!.faulty).toBe(false)
    expect(hb!.successes).toBe(1)
    expect(hb!.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('a body cut mid-way is an error, not a crash', async () => {
    const [a, b] = [await serve('cut'), await serve(honest)]
    const pool = new BeaconEndpointPool({ urls: [a.url, b.url], timeoutMs: 2000 })
    expect((await pool.request({ path: '/x', handle: readValue })).value).toBe(42)
    expect(pool.health[0]!.failures).toBe(1)
  })

  it('marks an endpoint faulty when its answer fails verification, and skips it afterwards', async () => {
    const [a, b] = [await serve(honest), await serve(honest)]
    const pool = new BeaconEndpointPool({ urls: [a.url, b.url] })
    let calls = 0
    await pool.request({
      path: '/x',
      handle: ({ endpoint }) => {
        calls++
        if (endpoint === a.url) throw new InvalidSyncSignatureError({ signatureSlot: 2, attestedSlot: 1 })
        return 1
      },
    })
    expect(calls).toBe(2)
    expect(pool.health[0]).toMatchObject({ faulty: true, faultsProven: 1 })
    expect(pool.candidates()).toEqual([b.url])
    await pool.request({ path: '/x', handle: readValue })
    expect(a.requests).toHaveLength(1)
    pool.resetEndpoint(a.url)
    expect(pool.candidates()).toEqual([a.url, b.url])
  })

  it('keeps the proof against a faulty endpoint and carries it in every later failure, until reset', async () => {
    const [a, b] = [await serve(honest), await serve({ status: 503, body: 'down' })]
    const pool = new BeaconEndpointPool({ urls: [a.url, b.url] })
    const forged = new InvalidSyncSignatureError({ signatureSlot: 2, attestedSlot: 1 })
    const first = await pool.request({ path: '/forged', handle: ({ endpoint }) => { if (endpoint === a.url) throw forged; return readValue({ json: {} }) } }).catch((e) => e)
    expect(first).toBeInstanceOf(AllEndpointsFailedError)
    expect(pool.provenFaults()).toEqual([{ endpoint: a.url, path: '/forged', error: forged }])
    expect(forged.endpoint).toBe(a.url)

    // A later request asks only b (down); the error still holds a's forgery, so it reads as a lie, not an outage.
    const later = await pool.request({ path: '/later', handle: readValue }).catch((e) => e)
    expect(later.errors.map((e: { endpoint: string; error: Error; provenAt?: string }) => [e.endpoint, e.error.name, e.provenAt])).toEqual([
      [b.url, 'HttpStatusError', undefined],
      [a.url, 'InvalidSyncSignatureError', '/forged'],
    ])
    expect(later.shortMessage).toBe('No beacon API could serve /later.')
    expect(later.message).toContain(`${a.url}: The sync committee signature over slot 1 (signed at slot 2) does not verify. (caught at /forged; not asked again)`)
    expect(a.requests).toHaveLength(1)

    // With only the liar left, nothing is asked and the message says why.
    pool.setEndpoints([a.url])
    const alone = await pool.request({ path: '/alone', handle: readValue }).catch((e) => e)
    expect(alone.shortMessage).toBe('No beacon API could serve /alone: the only one was caught serving data that fails verification.')
    expect(alone.errors).toEqual([{ endpoint: a.url, error: forged, provenAt: '/forged' }])
    pool.resetEndpoint(a.url)
    expect(pool.provenFaults()).toEqual([])
  })

  it('throws AllEndpointsFailedError listing every endpoint when none answers', async () => {
    const [a, b] = [await serve({ status: 404, body: {} }), await serve({ body: 'x' })]
    const pool = new BeaconEndpointPool({ urls: [a.url, b.url] })
    const error = await pool.request({ path: '/x', handle: readValue }).catch((e) => e)
    expect(error).toBeInstanceOf(AllEndpointsFailedError)
    expect(error.errors.map((e: any) => e.endpoint)).toEqual([a.url, b.url])
    expect(error.message).toContain(a.url)
  })

  it('backs a beacon API off for its Retry-After (HTTP 429), as any endpoint: the other is asked first, and it is not faulty', async () => {
    const [busy, other] = [await serve({ status: 429, body: 'slow down', headers: { 'retry-after': '30' } }), await serve(honest)]
    const clock = 0
    const pool = new BeaconEndpointPool({ urls: [busy.url, other.url], now: () => clock })
    expect((await pool.request({ path: '/x', handle: readValue })).endpoint).toBe(other.url)
    expect(pool.health[0]).toMatchObject({ faulty: false, backedOffUntil: 30_000, lastError: { name: 'RateLimitedError' } })
    expect(pool.candidates()).toEqual([other.url, busy.url])
    await pool.request({ path: '/x', handle: readValue })
    expect(busy.requests).toHaveLength(1)
  })

  it('flags an endpoint whose head lags far behind another', () => {
    const pool = new BeaconEndpointPool({ urls: ['http://a', 'http://b'] })
    pool.recordHead('http://a', 1000, { lagSlots: 64 })
    pool.recordHead('http://b', 1010, { lagSlots: 64 })
    expect(pool.health.map((h) => h.lagging)).toEqual([false, false])
    pool.recordHead('http://b', 1100, { lagSlots: 64 })
    expect(pool.health.map((h) => h.lagging)).toEqual([true, false])
    expect(pool.candidates()).toEqual(['http://b', 'http://a'])
  })
})
