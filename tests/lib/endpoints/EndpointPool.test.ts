import { describe, expect, it } from 'vitest'
import { InvalidSyncSignatureError } from '../../../src/lib/consensus/errors.ts'
import { EndpointPool } from '../../../src/lib/endpoints/EndpointPool.ts'
import { AllEndpointsFailedError, type EndpointFailure, HttpStatusError, RateLimitedError } from '../../../src/lib/endpoints/errors.ts'
import { InvalidAccountProofError } from '../../../src/lib/execution/errors.ts'

// The pool's I/O is its users' `attempt` (an HTTP exchange and its verification); here the
// attempts are plain functions, so ordering, hedging, back-off and evidence are tested on their own.
const pool = (urls: string[], params: { now?: () => number; timeoutMs?: number } = {}) =>
  new EndpointPool({ urls, kind: 'RPC', timeoutMs: params.timeoutMs ?? 5_000, now: params.now, extra: () => ({ behind: false }) })
const allFailed = (failures: EndpointFailure[]) => new AllEndpointsFailedError({ path: 'x', kind: 'RPC', errors: failures })
const down = (url: string) => new HttpStatusError({ url, kind: 'RPC', status: 503 })

describe('EndpointPool', () => {
  it('asks the healthiest first: faulty never, demoted and backed-off ones last, then fewest failures in a row, then list order', async () => {
    let clock = 0
    const p = pool(['a', 'b', 'c', 'd'], { now: () => clock })
    p.recordFailure('a', down('a'))
    p.recordFailure('b', new RateLimitedError({ url: 'b', retryAfterMs: 1000 }))
    p.update((all) => { all[2]!.behind = true })
    p.recordFailure('d', new InvalidSyncSignatureError({ signatureSlot: 2, attestedSlot: 1 }))
    const demote = (h: { behind: boolean }) => h.behind
    expect(p.candidates({ demote })).toEqual(['a', 'c', 'b'])
    clock = 1001
    expect(p.candidates({ demote })).toEqual(['a', 'b', 'c'])
    expect(p.candidates({ demote, skip: (h) => h.url === 'a' })).toEqual(['b', 'c'])
  })

  it('fails over in order, one at a time, and records every attempt', async () => {
    const p = pool(['a', 'b', 'c'])
    const asked: string[] = []
    const { value, endpoint } = await p.request({ path: 'x', allFailed, attempt: async (url) => { asked.push(url); if (url !== 'c') throw down(url); return url } })
    expect([value, endpoint, asked]).toEqual(['c', 'c', ['a', 'b', 'c']])
    expect(p.health.map((h) => [h.failures, h.successes, h.lastError?.name])).toEqual([[1, 0, 'HttpStatusError'], [1, 0, 'HttpStatusError'], [0, 1, undefined]])
  })

  it('hedges: when the endpoint asked is slow, the next is asked in parallel and the first value wins', async () => {
    const p = pool(['slow', 'fast'])
    let releaseSlow: (v: string) => void = () => {}
    const attempt = (url: string) => url === 'slow' ? new Promise<string>((ok) => { releaseSlow = ok }) : Promise.resolve('fast')
    expect(await p.request({ path: 'x', allFailed, attempt, hedgeAfterMs: 10 })).toEqual({ value: 'fast', endpoint: 'fast' })
    releaseSlow('slow')
    await expect.poll(() => p.health[0]!.successes).toBe(1)
  })

  it('marks a liar faulty, names it in the proof, and carries the proof in every later failure', async () => {
    const p = pool(['liar', 'honest'])
    const lie = new InvalidAccountProofError({ address: '0x0000000000000000000000000000000000000001', stateRoot: '0x00' })
    await p.request({ path: 'eth_getProof', allFailed, attempt: async (url) => { if (url === 'liar') throw lie; return 1 } })
    expect(lie.url).toBe('liar')
    expect(p.health[0]).toMatchObject({ faulty: true, faultsProven: 1, fault: { name: 'InvalidAccountProofError', path: 'eth_getProof' } })
    expect(p.provenFaults()).toEqual([{ endpoint: 'liar', path: 'eth_getProof', error: lie }])
    // A later failure of the honest one asks nobody else, and still reads as a lie.
    const later = await p.request({ path: 'later', attempt: async (url) => { throw down(url) }, allFailed: (f) => allFailed(p.withEarlierProofs(f)) }).catch((e) => e)
    expect(later.errors.map((f: EndpointFailure) => [f.endpoint, (f.error as Error).name, f.provenAt])).toEqual([['honest', 'HttpStatusError', undefined], ['liar', 'InvalidAccountProofError', 'eth_getProof']])
    // While faulty, a lesser failure of an answer sent before it was caught does not hide the proof.
    p.recordFailure('liar', down('liar'))
    expect(p.health[0]!.lastError?.name).toBe('InvalidAccountProofError')
    p.reset('liar')
    expect([p.provenFaults(), p.candidates()]).toEqual([[], ['liar', 'honest']])
  })

  it('backs an endpoint off for its Retry-After, and when it is the only one left waits for it only within the timeout', async () => {
    let clock = 0
    const p = pool(['busy'], { now: () => clock, timeoutMs: 500 })
    let asked = 0
    const attempt = async (url: string) => { asked++; if (asked === 1) throw new RateLimitedError({ url, retryAfterMs: 1000 }); return 'ok' }
    await p.request({ path: 'x', allFailed, attempt }).catch(() => undefined)
    expect(p.health[0]).toMatchObject({ backedOffUntil: 1000, faulty: false })
    const refused = await p.request({ path: 'x', allFailed, attempt }).catch((e) => e)
    expect(refused.errors.map((f: EndpointFailure) => (f.error as Error).name)).toEqual(['RateLimitedError'])
    expect(asked).toBe(1)
    clock = 800 // 200 ms left: waited out, then asked
    expect((await p.request({ path: 'x', allFailed, attempt })).value).toBe('ok')
    expect(asked).toBe(2)
  })

  it('keeps health across a new list and drops the proofs of endpoints no longer in it', async () => {
    const p = pool(['a', 'b'])
    p.recordFailure('a', new InvalidSyncSignatureError({ signatureSlot: 2, attestedSlot: 1 }))
    p.recordFailure('b', down('b'))
    p.setEndpoints(['b', 'c'])
    expect(p.health.map((h) => [h.url, h.failures])).toEqual([['b', 1], ['c', 0]])
    expect(p.provenFaults()).toEqual([])
  })
})
