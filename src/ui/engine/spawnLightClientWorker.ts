import workerUrl from './lightClient.worker.ts?worker&url'
import { type LightClientChannel, toLightClientChannel } from './toLightClientChannel.ts'

/** Where the light-client worker's bundle is, as an absolute URL (the page imports it too when no worker can run). */
export const lightClientWorkerUrl = (): string => new URL(workerUrl, import.meta.url).href

/**
 * Starts the light-client worker (lightClient.worker.ts, built by Vite as an ES-module worker).
 * Called at app start, before the page's engine chunks load, so the worker fetches and compiles
 * the light client and its BLS WASM while the page does the rest. Returns the error instead of a
 * channel when no worker can start here (no Worker, or a policy refusing it): the caller falls back.
 */
export function spawnLightClientWorker(): LightClientChannel | Error {
  if (typeof Worker !== 'function') return new Error('this browser has no Worker')
  try {
    const worker = new Worker(lightClientWorkerUrl(), { type: 'module', name: 'latchkey-light-client' })
    return toLightClientChannel({ endpoint: worker, close: () => worker.terminate() })
  } catch (error) {
    return error as Error
  }
}
