import type { FromWorker, ToWorker } from './lightClientProtocol.ts'

/** The page's end of a light-client service (lightClient.worker.ts), in a worker or on the page. */
export type LightClientChannel = {
  postMessage(message: ToWorker): void
  /** Returns a function that removes the listener. */
  onMessage(listener: (message: FromWorker) => void): () => void
  /** Resolves once the service listens (its 'loaded' message); rejects if its script fails to load. */
  loaded: Promise<void>
  /** Returns a function that removes the listener; it is called once, when the channel closes. */
  onClose(listener: () => void): () => void
  close(): void
}

type Endpoint = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener'>

/**
 * Listens from the first moment: a worker spawned at app start may say 'loaded' before anyone
 * asks, and a worker's messages with no listener are lost.
 */
export function toLightClientChannel({ endpoint, close, before }: {
  endpoint: Endpoint
  close: () => void
  /** What a worker started before this channel (index.html's early start) already said: 'loaded', or a load error. */
  before?: { loaded: boolean; error: string | undefined }
}): LightClientChannel {
  let markLoaded = () => {}
  let markFailed = (_: Error) => {}
  const loaded = new Promise<void>((resolve, reject) => ((markLoaded = resolve), (markFailed = reject)))
  loaded.catch(() => {}) // observed by whoever awaits it
  endpoint.addEventListener('message', (event) => (event as MessageEvent<FromWorker>).data.type === 'loaded' && markLoaded())
  endpoint.addEventListener('error', (event) => markFailed(new Error((event as ErrorEvent).message || 'the worker script failed to load')))
  if (before?.loaded) markLoaded()
  else if (before?.error !== undefined) markFailed(new Error(before.error))
  const closeListeners = new Set<() => void>()
  let closed = false
  return {
    postMessage: (message) => endpoint.postMessage(message),
    onMessage: (listener) => {
      const onEvent = (event: Event) => listener((event as MessageEvent<FromWorker>).data)
      endpoint.addEventListener('message', onEvent)
      return () => endpoint.removeEventListener('message', onEvent)
    },
    loaded,
    onClose: (listener) => {
      if (closed) {
        listener()
        return () => {}
      }
      closeListeners.add(listener)
      return () => closeListeners.delete(listener)
    },
    close: () => {
      if (closed) return
      closed = true
      close()
      // A closed worker answers nothing: whoever waits for an answer hears it now, not never.
      for (const listener of closeListeners) listener()
      closeListeners.clear()
    },
  }
}
