import { HeadNotCurrentError } from './errors.ts'

export type WaitForCurrentHeadParameters<T> = {
  /** Returns when the head is current, throws HeadNotCurrentError when it is not (verifyHeadCurrent). */
  check: () => T
  /** How long to wait for a current head before the last refusal is thrown. */
  timeoutMs: number
  intervalMs?: number
  signal?: AbortSignal
}

/**
 * Waits until the light client's head is current, for an action that must not be answered from an
 * older block (a token added while the light client catches up would be read where it was not yet
 * deployed: "no contract at this address"). Polls, because a head also becomes current or stale by
 * the clock alone. Any error other than HeadNotCurrentError is thrown at once.
 */
export async function waitForCurrentHead<T>({ check, timeoutMs, intervalMs = 250, signal }: WaitForCurrentHeadParameters<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    signal?.throwIfAborted()
    try {
      return check()
    } catch (error) {
      if (!(error instanceof HeadNotCurrentError) || Date.now() >= deadline) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))))
  }
}
