/** Time, injected so tests can replay old chain data as if it were fresh. */
export type Clock = {
  /** Milliseconds since the epoch. */
  now(): number
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve() }, { once: true })
  }),
}

/** A clock frozen at (or advancing from) a given time: for recorded data. */
export function createFixedClock({ nowMs }: { nowMs: number }): Clock & { set(ms: number): void } {
  let current = nowMs
  return {
    now: () => current,
    set: (ms) => { current = ms },
    sleep: (ms, signal) => systemClock.sleep(Math.min(ms, 10), signal),
  }
}

export function slotAtTime({ nowMs, genesisTime, secondsPerSlot }: { nowMs: number; genesisTime: number; secondsPerSlot: number }): number {
  return Math.max(0, Math.floor((nowMs / 1000 - genesisTime) / secondsPerSlot))
}

export function timeAtSlot({ slot, genesisTime, secondsPerSlot }: { slot: number; genesisTime: number; secondsPerSlot: number }): number {
  return genesisTime + slot * secondsPerSlot
}
