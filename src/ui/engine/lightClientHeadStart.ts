import type { NetworkSettings } from '../../lib/settings/settingsData.ts'

/**
 * The network the page last started its light client on, as the page posted it (JSON), kept in
 * localStorage beside the settings it comes from. At the next app start static/startLightClientWorker.js
 * hands it to the worker it spawns in the worker's name (after `#`), so the worker starts syncing as
 * soon as its script has run: the page's own 'start' message is held by the browser until the
 * page's main thread is free after the worker's script ran (40-100 ms at start, behind the page's
 * own modules and first render). It decides nothing: the worker posts nothing from that light
 * client until the page's 'start' names exactly this network (lightClient.worker.ts), and starts
 * the page's network instead when it differs.
 */
export const HEAD_START_KEY = 'latchkey.lightClientStart'
/** Between the worker's name and the network's JSON (static/startLightClientWorker.js writes the same). */
export const HEAD_START_SEPARATOR = '#'

export function rememberHeadStart(network: NetworkSettings, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(HEAD_START_KEY, JSON.stringify(network))
  } catch {
    // Storage full or refused: the next start waits for the page's message, as before.
  }
}

export function forgetHeadStart(storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.removeItem(HEAD_START_KEY)
  } catch {}
}

/** The network JSON a worker's name carries (undefined: none). */
export function headStartOf(workerName: string): string | undefined {
  const at = workerName.indexOf(HEAD_START_SEPARATOR)
  return at < 0 ? undefined : workerName.slice(at + 1) || undefined
}
