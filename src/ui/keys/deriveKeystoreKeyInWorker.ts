import workerUrl from './keystoreKdf.worker.ts?worker&url'
import { type DeriveKeystoreKey, deriveKeystoreKey } from '../../lib/wallet/deriveKeystoreKey.ts'
import { KeystoreParametersRejectedError } from '../../lib/wallet/errors.ts'
import type { FromKeystoreWorker, ToKeystoreWorker } from './keystoreKdfProtocol.ts'

function rebuild(error: Extract<FromKeystoreWorker, { type: 'error' }>['error']): Error {
  if (error.name === 'KeystoreParametersRejectedError' && error.parameter !== undefined && error.value !== undefined && error.limit !== undefined)
    return new KeystoreParametersRejectedError({ parameter: error.parameter, value: error.value, limit: error.limit, details: error.details })
  return Object.assign(new Error(error.message), { name: error.name })
}

async function onPage(parameters: Parameters<DeriveKeystoreKey>[0]): Promise<Uint8Array> {
  // noble's scryptAsync "yields" with microtasks, which let neither timers nor paint run: on the
  // page the derivation holds the thread (seconds at most, within keystoreLimits). Let the
  // progress bar paint first, so the user sees why.
  parameters.onProgress?.(0)
  await new Promise((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(resolve, 0)) : setTimeout(resolve, 0)))
  return deriveKeystoreKey(parameters)
}

/**
 * Derives a keystore's key in a dedicated worker (keystoreKdf.worker.ts), reporting progress;
 * on the page's own thread when this browser cannot start one (no Worker, or its script refused
 * to load before it answered). The settings were checked against keystoreLimits before this.
 */
export const deriveKeystoreKeyInWorker: DeriveKeystoreKey = (parameters) => {
  if (typeof Worker !== 'function') return onPage(parameters)
  let worker: Worker
  try {
    worker = new Worker(new URL(workerUrl, import.meta.url).href, { type: 'module', name: 'latchkey-keystore' })
  } catch {
    return onPage(parameters)
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    let answered = false
    const done = () => worker.terminate()
    worker.addEventListener('message', (event: MessageEvent<FromKeystoreWorker>) => {
      answered = true
      const message = event.data
      if (message.type === 'progress') return parameters.onProgress?.(message.fraction)
      done()
      if (message.type === 'key') resolve(message.key)
      else reject(rebuild(message.error))
    })
    worker.addEventListener('error', (event) => {
      done()
      // A script that never ran (blocked, failed to load): derive here instead. A failure mid-way is an error.
      if (!answered) onPage(parameters).then(resolve, reject)
      else reject(new Error(event.message || 'the keystore worker failed'))
    })
    const message: ToKeystoreWorker = { password: parameters.password.slice(), kdf: parameters.kdf }
    worker.postMessage(message, [message.password.buffer])
  })
}
