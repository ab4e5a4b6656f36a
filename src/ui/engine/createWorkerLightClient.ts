import type { EndpointHealth } from '../../lib/consensus/BeaconEndpointPool.ts'
import { rememberHeadStart } from './lightClientHeadStart.ts'
import type { LightClientEvent, LightClientState } from '../../lib/consensus/LightClient.ts'
import type { ErrorData } from '../../lib/errorData.ts'
import { fromErrorData } from '../../lib/fromErrorData.ts'
import type { BaseError } from '../../lib/errors.ts'
import { LightClientStoppedError, WorkerUnavailableError } from './errors.ts'
import type { BlockSelector, VerifiedExecutionHeader } from '../../lib/execution/types.ts'
import type { BundleConsensus, FromWorker, HeldEvidence, LightClientHandle, StateData, ToWorker } from './lightClientProtocol.ts'
import { type HeadEvidence, MAX_HEAD_RECORDS } from '../../lib/consensus/headRecord.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'
import type { LightClientChannel } from './toLightClientChannel.ts'

/** A typed error from the worker, rebuilt on the page as its own class, fields included. */
const toError = (data: ErrorData) => fromErrorData(data) as BaseError

const toState = (data: StateData): LightClientState => ({ ...data, error: data.error && toError(data.error) })

export type CreateWorkerLightClientParameters = {
  network: NetworkSettings
  /** The page's end of a light-client service (spawnLightClientWorker, or runLightClientOnPage). */
  channel: LightClientChannel
  /** How long the service may take to load the light client and report ready. */
  readyTimeoutMs?: number
}

/** The verified head or finalized header the page already holds, as LightClient.getExecutionHeader picks it. */
function pickHeader(state: LightClientState | undefined, block: BlockSelector): VerifiedExecutionHeader | undefined {
  const { finalized, optimistic } = state ?? {}
  if (!finalized || !optimistic) return undefined
  const pick = block === 'latest' ? optimistic : block === 'finalized' ? finalized : [optimistic, finalized].find((h) => h.execution?.number === block)
  return pick?.execution
}

/**
 * The page's side of the light-client worker: mirrors the worker's state and heads for the
 * screens, and answers `getExecutionHeader` (the verified transport's VerifiedHeaderSource) from
 * the verified headers the worker already sent with its state (no round trip per request); only
 * a block it does not hold is asked of the worker, which says why it cannot vouch for it.
 * Resolves once the worker runs; rejects when no worker can run here (then the caller falls back
 * to the light client on the main thread).
 */
export function createWorkerLightClient({ network, channel, readyTimeoutMs = 30_000 }: CreateWorkerLightClientParameters): Promise<LightClientHandle> {
  const listeners = new Set<(event: LightClientEvent) => void>()
  // Header, evidence and bundle requests, answered by id.
  const calls = new Map<number, { resolve: (value: never) => void; reject: (e: Error) => void }>()
  // Once stopping, nothing is asked of the worker: its channel closes and a question would never be answered.
  let closing = false
  const call = <T>(message: ToWorker): Promise<T> => new Promise<T>((resolve, reject) => {
    if (closing) return reject(new LightClientStoppedError())
    calls.set((message as { id: number }).id, { resolve: resolve as (value: never) => void, reject })
    post(message)
  })
  let nextId = 0
  let state: LightClientState | undefined
  // How recent heads were trusted, as the worker sent them with the heads (oldest dropped first).
  const evidence = new Map<string, HeadEvidence>()
  const hold = (held: HeldEvidence | undefined) => {
    for (const [hash, record] of Object.entries(held ?? {})) {
      evidence.delete(hash)
      evidence.set(hash, record)
    }
    while (evidence.size > MAX_HEAD_RECORDS) evidence.delete(evidence.keys().next().value!)
  }
  let clock = { genesisTime: 0, secondsPerSlot: 12 }
  let markStopped = () => {}
  const stopped = new Promise<void>((resolve) => (markStopped = resolve))
  const post = (message: ToWorker) => channel.postMessage(message)
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
      closing = true
      const done = new Promise<void>((resolve) => {
        channel.onMessage((message) => message.type === 'stopped' && resolve())
        setTimeout(resolve, 2_000)
      })
      post({ type: 'stop' })
      await done
      channel.close()
      for (const { reject } of calls.values()) reject(new LightClientStoppedError())
      calls.clear()
      markStopped()
    },
    headEvidence(blockHash) {
      const held = evidence.get(blockHash.toLowerCase())
      return held ? Promise.resolve(held) : call<HeadEvidence | undefined>({ type: 'headEvidence', id: ++nextId, blockHash })
    },
    bundleConsensus: (blockHash) => call<BundleConsensus>({ type: 'bundleConsensus', id: ++nextId, blockHash }),
    getExecutionHeader(block: BlockSelector) {
      const held = pickHeader(state, block)
      if (held) return Promise.resolve(held)
      return call<VerifiedExecutionHeader>({ type: 'header', id: ++nextId, block })
    },
  }

  return new Promise<LightClientHandle>((resolve, reject) => {
    const fail = (reason: string, cause?: BaseError) => {
      clearTimeout(timer)
      channel.close()
      reject(new WorkerUnavailableError({ reason, cause }))
    }
    const timer = setTimeout(() => fail(`no answer within ${readyTimeoutMs} ms`), readyTimeoutMs)
    // Posted at once, not on 'loaded': a worker holds what is posted to it until its script has
    // run, and the light-client bundle registers its listener as it evaluates (no top-level await
    // before it), so the worker starts the moment it has loaded, not when the page's main thread
    // next gets to the 'loaded' message (30-90 ms later at start, behind the page's own modules).
    // A worker that cannot load says so through `loaded` (its 'error' event).
    post({ type: 'start', network })
    rememberHeadStart(network)
    channel.loaded.catch((error: Error) => !state && fail(error.message))
    channel.onMessage((message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          clearTimeout(timer)
          clock = { genesisTime: message.genesisTime, secondsPerSlot: message.secondsPerSlot }
          state = toState(message.state)
          resolve(handle)
          break
        case 'failed':
          // The light client could not start there. A worker-only cause (its environment) is worth
          // a retry on the page; the typed error rides along as the cause for when it is not.
          if (!state) fail(`${message.error.name}: ${message.error.shortMessage}`, toError(message.error))
          break
        case 'state':
          hold(message.evidence)
          state = toState(message.state)
          emit({ type: 'state', state: handle.state })
          break
        case 'head':
          hold(message.evidence)
          if (state) state = { ...state, finalized: message.finalized, optimistic: message.optimistic }
          emit(message)
          break
        case 'headEvidence': {
          calls.get(message.id)?.resolve(message.evidence as never)
          calls.delete(message.id)
          break
        }
        case 'bundleConsensus': {
          const waiting = calls.get(message.id)
          calls.delete(message.id)
          if (message.parts) waiting?.resolve(message.parts as never)
          else waiting?.reject(toError(message.error!))
          break
        }
        case 'header': {
          const waiting = calls.get(message.id)
          calls.delete(message.id)
          if (message.header) waiting?.resolve(message.header as never)
          else if (message.error) waiting?.reject(toError(message.error))
          break
        }
      }
    })
  })
}
