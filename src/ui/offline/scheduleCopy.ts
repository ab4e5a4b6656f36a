import { type Idle, whenIdle } from '../whenIdle.ts'

/** How long a start may take before the copy is made anyway (a visit that never shows a balance). */
export const copyDelayMs = 5_000
/** The longest the copy then waits for an idle moment. */
export const copyIdleTimeoutMs = 2_000

/**
 * Runs `copy` (registering the service worker, which fetches and hashes the whole app) once, at
 * the first idle moment after `startedUp` (the first verified balance at a synced head) or after
 * `delayMs` if that never comes, so the copy's download and hashing do not compete with the light
 * client's sync and first proofs for the CPU. `now()` runs it at once (a screen that shows or needs
 * the copy: *About this copy*, a move into a release).
 */
export function scheduleCopy({ startedUp, copy, delayMs = copyDelayMs, idleTimeoutMs = copyIdleTimeoutMs, idle = whenIdle }: {
  startedUp: Promise<unknown>
  copy: () => void
  delayMs?: number
  idleTimeoutMs?: number
  idle?: Idle
}): { now: () => void } {
  let done = false
  const now = () => {
    if (done) return
    done = true
    clearTimeout(timer)
    copy()
  }
  const later = () => idle(now, idleTimeoutMs)
  const timer = setTimeout(later, delayMs)
  startedUp.then(later, later)
  return { now }
}
