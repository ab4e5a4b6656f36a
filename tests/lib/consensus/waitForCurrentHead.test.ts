import { describe, expect, it } from 'vitest'
import { HeadNotCurrentError } from '../../../src/lib/consensus/errors.ts'
import { waitForCurrentHead } from '../../../src/lib/consensus/waitForCurrentHead.ts'

const notCurrent = () => new HeadNotCurrentError({ status: 'syncing', blockNumber: 5n, slot: 9, ageMs: 20_000, limitSeconds: 4, stale: 'A token read from it could find no contract.' })

describe('waitForCurrentHead', () => {
  it('returns the first current answer once the head has caught up', async () => {
    let calls = 0
    const freshness = await waitForCurrentHead({ check: () => { if (++calls < 3) throw notCurrent(); return { state: 'current' } }, timeoutMs: 60_000, intervalMs: 1 })
    expect(freshness).toEqual({ state: 'current' })
    expect(calls).toBe(3)
  })

  it('throws the last refusal, with what would be stale, when the head never becomes current', async () => {
    const error = await waitForCurrentHead({ check: () => { throw notCurrent() }, timeoutMs: 20, intervalMs: 1 }).catch((e) => e)
    expect(error).toBeInstanceOf(HeadNotCurrentError)
    expect(error.stale).toBe('A token read from it could find no contract.')
    expect(error.metaMessages?.[0]).toMatch(/^A token read from it could find no contract\. The beacon APIs/)
  })

  it('throws any other error at once, without waiting', async () => {
    let calls = 0
    const error = await waitForCurrentHead({ check: () => { calls++; throw new TypeError('engine gone') }, timeoutMs: 60_000 }).catch((e) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect(calls).toBe(1)
  })

  it('stops when aborted', async () => {
    const controller = new AbortController()
    const waiting = waitForCurrentHead({ check: () => { controller.abort(); throw notCurrent() }, timeoutMs: 60_000, intervalMs: 1, signal: controller.signal })
    await expect(waiting).rejects.toThrow()
  })
})
