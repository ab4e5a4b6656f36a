/** Runs a function at the page's next idle moment, at most `timeoutMs` later. */
export type Idle = (run: () => void, timeoutMs: number) => void

/** The browser's idle callback where there is one (Chromium, Firefox), else the next task. */
export const whenIdle: Idle = (run, timeoutMs) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: timeoutMs })
  else setTimeout(run, 0)
}
