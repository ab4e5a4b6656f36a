import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { scheduleCopy } from '../../../src/ui/offline/scheduleCopy.ts'

/** An idle callback the test fires by hand, recording the timeout it was given. */
function manualIdle() {
  const queued: { run: () => void; timeoutMs: number }[] = []
  return { queued, idle: (run: () => void, timeoutMs: number) => void queued.push({ run, timeoutMs }), fire: () => queued.splice(0).forEach((q) => q.run()) }
}

describe('scheduleCopy', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('copies at the first idle moment after the start-up ends, not before', async () => {
    const copy = vi.fn()
    let done!: () => void
    const startedUp = new Promise<void>((resolve) => (done = resolve))
    const { queued, idle, fire } = manualIdle()
    scheduleCopy({ startedUp, copy, delayMs: 5_000, idleTimeoutMs: 2_000, idle })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(queued).toHaveLength(0)
    expect(copy).not.toHaveBeenCalled()
    done()
    await vi.advanceTimersByTimeAsync(0)
    expect(queued.map((q) => q.timeoutMs)).toEqual([2_000])
    expect(copy).not.toHaveBeenCalled()
    fire()
    expect(copy).toHaveBeenCalledTimes(1)
    // The bounded delay's turn comes too, and copies nothing more.
    await vi.advanceTimersByTimeAsync(5_000)
    fire()
    expect(copy).toHaveBeenCalledTimes(1)
  })

  it('copies after the bounded delay when no start-up ends (a visit with no balance to show)', async () => {
    const copy = vi.fn()
    const { queued, idle, fire } = manualIdle()
    scheduleCopy({ startedUp: new Promise(() => {}), copy, delayMs: 5_000, idleTimeoutMs: 2_000, idle })
    await vi.advanceTimersByTimeAsync(4_999)
    expect(queued).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    fire()
    expect(copy).toHaveBeenCalledTimes(1)
  })

  it('a failed start-up still leads to the copy', async () => {
    const copy = vi.fn()
    const { idle, fire } = manualIdle()
    scheduleCopy({ startedUp: Promise.reject(new Error('no balance')), copy, idle })
    await vi.advanceTimersByTimeAsync(0)
    fire()
    expect(copy).toHaveBeenCalledTimes(1)
  })

  it('now() copies at once, once, and the schedule then copies nothing more', async () => {
    const copy = vi.fn()
    const { idle, fire } = manualIdle()
    const { now } = scheduleCopy({ startedUp: Promise.resolve(), copy, idle })
    now()
    now()
    expect(copy).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(10_000)
    fire()
    expect(copy).toHaveBeenCalledTimes(1)
  })

  it('without an idle callback (no requestIdleCallback), the next task', async () => {
    const copy = vi.fn()
    scheduleCopy({ startedUp: Promise.resolve(), copy })
    expect(copy).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(0)
    expect(copy).toHaveBeenCalledTimes(1)
  })
})
