// In `vite build` this is the URL of the worker's entry chunk in the page's own build
// (scripts/build/workerEntries.ts: the two share chunks); in `npm run dev` and the tests, Vite's worker.
import workerUrl from './lightClient.worker.ts?worker&url'
import { type LightClientChannel, toLightClientChannel } from './toLightClientChannel.ts'

/** Where the light-client worker's bundle is, as an absolute URL (the page imports it too when no worker can run). */
export const lightClientWorkerUrl = (): string => new URL(workerUrl, import.meta.url).href

/** What src/ui/engine/startLightClientWorker.js leaves for the page: the worker it started before the page's scripts ran. */
type EarlyWorker = { url: string; worker: Worker; loaded: boolean; error: string | undefined }

/** The worker index.html started, once, if it is this build's light-client worker. */
function takeEarlyWorker(): EarlyWorker | undefined {
  const scope = globalThis as { latchkeyEarlyWorker?: EarlyWorker }
  const early = scope.latchkeyEarlyWorker
  delete scope.latchkeyEarlyWorker
  if (!early?.worker) return undefined
  if (early.url === lightClientWorkerUrl()) return early
  early.worker.terminate()
  return undefined
}

/**
 * Starts the light-client worker (lightClient.worker.ts, an ES-module worker).
 * Called at app start, before the page's engine chunks load, so the worker fetches and compiles
 * the light client and its BLS while the page does the rest; the first call takes the worker
 * index.html already started (src/ui/engine/startLightClientWorker.js), whose bundle was requested with
 * the page's first scripts. Returns the error instead of a channel when no worker can start here
 * (no Worker, or a policy refusing it): the caller falls back.
 */
export function spawnLightClientWorker(): LightClientChannel | Error {
  const early = takeEarlyWorker()
  if (early) return toLightClientChannel({ endpoint: early.worker, close: () => early.worker.terminate(), before: early })
  if (typeof Worker !== 'function') return new Error('this browser has no Worker')
  try {
    const worker = new Worker(lightClientWorkerUrl(), { type: 'module', name: 'latchkey-light-client' })
    return toLightClientChannel({ endpoint: worker, close: () => worker.terminate() })
  } catch (error) {
    return error as Error
  }
}
