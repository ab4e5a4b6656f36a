import type { EndpointHealth } from '../../lib/consensus/BeaconEndpointPool.ts'
import type { LightClientEvent, LightClientState } from '../../lib/consensus/LightClient.ts'
import { BaseError } from '../../lib/errors.ts'
import type { BlockSelector, VerifiedExecutionHeader } from '../../lib/execution/types.ts'
import type { ErrorData, FromWorker, LightClientHandle, StateData, ToWorker } from './lightClientProtocol.ts'
import type { NetworkSettings } from './settings.svelte.ts'

/** A typed error from the worker, rebuilt on the page with its original `name`. */
function toError(data: ErrorData): BaseError {
  const error = new BaseError(data.shortMessage, { details: data.message === data.shortMessage ? undefined : data.message })
  error.name = data.name
  return error
}

const toState = (data: StateData): LightClientState => ({ ...data, error: data.error && toError(data.error) })

export type CreateWorkerLightClientParameters = {
  network: NetworkSettings
  /** A started worker running lightClient.worker.ts. */
  worker: Worker
  /** How long the worker may take to load Lodestar and report ready. */
  readyTimeoutMs?: number
}

/**
 * The page's side of the light-client worker: mirrors the worker's state and heads for the
 * screens, and answers `getExecutionHeader` (the verified transport's VerifiedHeaderSource) by
 * asking the worker. Resolves once the worker runs; rejects when no worker can run here (then
 * the caller falls back to a light client on the main thread).
 */
export function createWorkerLightClient({ network, worker, readyTimeoutMs = 30_000 }: CreateWorkerLightClientParameters): Promise<LightClientHandle> {
  const listeners = new Set<(event: LightClientEvent) => void>()
  const pending = new Map<number, { resolve: (h: VerifiedExecutionHeader) => void; reject: (e: Error) => void }>()
  let nextId = 0
  let state: LightClientState | undefined
  let clock = { genesisTime: 0, secondsPerSlot: 12 }
  let markStopped = () => {}
  const stopped = new Promise<void>((resolve) => (markStopped = resolve))
  const post = (message: ToWorker) => worker.postMessage(message)
  const emit = (event: LightClientEvent) => {
    for (const listener of listeners) listener(event)
  }

  const handle: LightClientHandle = {
    get state() {
      return { ...state!, currentSlot: handle.currentSlot }
    },
    get currentSlot() {
      return Math.max(0, Math.floor((Date.now() / 1000 - clock.genesisTime) / clock.secondsPerSlot))
    },
    pool: {
      get health(): EndpointHealth[] {
        return state?.endpoints ?? []
      },
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    // The worker syncs from the moment it is ready; this resolves when it is stopped.
    start: () => stopped,
    async stop() {
      const done = new Promise<void>((resolve) => {
        worker.addEventListener('message', (e: MessageEvent<FromWorker>) => e.data.type === 'stopped' && resolve())
        setTimeout(resolve, 2_000)
      })
      post({ type: 'stop' })
      await done
      worker.terminate()
      for (const { reject } of pending.values()) reject(new BaseError('The light client was stopped.'))
      pending.clear()
      markStopped()
    },
    getExecutionHeader(block: BlockSelector) {
      const id = ++nextId
      return new Promise<VerifiedExecutionHeader>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        post({ type: 'header', id, block })
      })
    },
  }

  return new Promise<LightClientHandle>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer)
      worker.terminate()
      const error = new BaseError(`The light-client worker could not start: ${reason}`)
      error.name = 'WorkerUnavailableError'
      reject(error)
    }
    const timer = setTimeout(() => fail(`no answer within ${readyTimeoutMs} ms`), readyTimeoutMs)
    worker.addEventListener('error', (e) => {
      if (!state) fail(e.message || 'the worker script failed to load')
    })
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const message = event.data
      switch (message.type) {
        case 'loaded':
          post({ type: 'start', network })
          break
        case 'ready':
          clearTimeout(timer)
          clock = { genesisTime: message.genesisTime, secondsPerSlot: message.secondsPerSlot }
          state = toState(message.state)
          resolve(handle)
          break
        case 'failed':
          // The caller retries on the main thread, where a real configuration error shows up again with its own name.
          if (!state) fail(`${message.error.name}: ${message.error.shortMessage}`)
          break
        case 'state':
          state = toState(message.state)
          emit({ type: 'state', state: handle.state })
          break
        case 'head':
          if (state) state = { ...state, finalized: message.finalized, optimistic: message.optimistic }
          emit(message)
          break
        case 'header': {
          const waiting = pending.get(message.id)
          pending.delete(message.id)
          if (message.header) waiting?.resolve(message.header)
          else if (message.error) waiting?.reject(toError(message.error))
          break
        }
      }
    })
  })
}
