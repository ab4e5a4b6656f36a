// The light client's worker: the sync protocol and the BLS committee checks run here, off the
// page's main thread. The page talks to it through createWorkerLightClient.
//
// The build makes this file an entry of the page's own build (scripts/build/workerEntries.ts),
// so what it shares with the page (noble's curves and hashes, the errors, the endpoint pool) is
// in shared chunks, not twice; it is started as an ES-module worker from its URL (`?worker&url`,
// spawnLightClientWorker.ts): same origin, so `worker-src 'self'` allows it, no blob:, and its
// chunks load by relative paths, which keeps it working under /ipfs/<cid>/. Everything is imported statically: the worker starts fetching the
// whole light client at once instead of through a chain of dynamic imports. When no worker can
// run, the page imports this same bundle and talks to it over a MessageChannel
// (runLightClientOnPage.ts).
import type { LightClient } from '../../lib/consensus/LightClient.ts'
import { toErrorData } from '../../lib/errorData.ts'
import { createLightClient } from './createLightClient.ts'
import { toBundleNetwork } from '../../lib/consensus/toBundleNetwork.ts'
import { verifyBundleConsensus } from '../../lib/bundle/verifyBundleConsensus.ts'
import { nobleBls } from '../../lib/consensus/bls/nobleBls.ts'
import { type FromWorker, type ToWorker, headEvidenceOf, toStateData } from './lightClientProtocol.ts'
import type { ConsensusHeader } from '../../lib/consensus/toConsensusHeader.ts'
import { prepareConnect } from './prepareConnect.ts'
import { loadDefaultBls } from '../../lib/consensus/bls/loadDefaultBls.ts'
import { createSyncCoreWarmUp } from '../../lib/consensus/warmUpSyncCore.ts'
import { createIndexedDbStateStore } from '../../lib/consensus/createIndexedDbStateStore.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'
import { headStartOf } from './lightClientHeadStart.ts'

/** What the service needs of its end of the channel: a worker's global scope or a MessagePort. */
export type ServicePort = {
  postMessage(message: FromWorker): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void
}

export type ServeLightClientOptions = {
  /**
   * The network the page last started the light client on, as JSON (lightClientHeadStart.ts; the
   * worker's name carries it): a light client starts on it at once, before the page's 'start'
   * arrives. Nothing of it is posted until that 'start' names exactly this network (then it is the
   * page's light client, already under way); a 'start' naming another network stops it first.
   */
  headStart?: string
  /** Default: createLightClient (tests count the clients made). */
  create?: typeof createLightClient
}

/** Answers the page's messages (lightClientProtocol.ts) with a light client for the network it is started on. */
export function serveLightClient(port: ServicePort, { headStart, create = createLightClient }: ServeLightClientOptions = {}): void {
  let client: LightClient | undefined
  let chainId = 0
  let warmed = false
  /** Whether the page has been told about `client` (its 'ready'): a head-started client is not, until the page starts its network. */
  let announced = false
  /** The network JSON a head-started (not yet announced) client runs on. */
  let headStarted: string | undefined
  // One store for the light client started here, its database opened ahead when there is time.
  const store = createIndexedDbStateStore()
  const post = (message: FromWorker) => port.postMessage(message)
  // While the user reviews a link (the plan is on screen, nothing started yet): the state
  // database is opened (a fresh profile creates it) and the sync core's BLS and hashing code runs
  // once on data of its own (createSyncCoreWarmUp), so the start after "Add network" does neither
  // cold. One step per task, the first after the plan is posted; a 'start' arriving meanwhile runs
  // after the current step and ends the warm-up. Nothing it computes is trusted.
  const warmUp = () => setTimeout(() => {
    if (warmed || client) return
    warmed = true
    store.open().catch(() => {}) // a failing database is reported when the client loads its state
    if (!isWorkerScope()) return // on the page (no worker) it would block the review
    void loadDefaultBls().then((bls) => {
      const steps = createSyncCoreWarmUp({ bls })
      const next = () => {
        if (client || steps.length === 0) return
        try {
          steps.shift()!()
        } catch {
          return // never an uncaught error: the page would read it as the worker failing to load
        }
        setTimeout(next, 0)
      }
      next()
    }).catch(() => {}) // only ever a head start
  }, 0)

  // Each head goes with how it was trusted: the page answers "What was checked" for a value
  // read at it without asking the worker (busy, right after a sync, validating committees).
  const evidenceOf = (started: LightClient) => (...heads: (ConsensusHeader | undefined)[]) => headEvidenceOf({ client: started, heads })
  /** Creates a light client (started by the caller); its events reach the page once it is announced. */
  const open = (network: NetworkSettings): LightClient => {
    const started = create({ network, store })
    client = started
    chainId = network.chainId
    const evidence = evidenceOf(started)
    started.subscribe((e) => {
      if (client !== started || !announced) return
      post(e.type === 'state'
        ? { type: 'state', state: toStateData(e.state), evidence: evidence(e.state.finalized, e.state.optimistic) }
        : { ...e, evidence: evidence(e.finalized, e.optimistic) })
    })
    return started
  }
  const announce = (started: LightClient) => {
    announced = true
    post({ type: 'ready', genesisTime: started.network.genesisTime, secondsPerSlot: started.config.SECONDS_PER_SLOT, state: toStateData(started.state) })
  }
  if (headStart !== undefined) {
    try {
      void open(JSON.parse(headStart) as NetworkSettings).start()
      headStarted = headStart
    } catch {
      client = undefined // not a network this build can start: the page's 'start' decides
    }
  }

  port.addEventListener('message', (event) => {
    const message = event.data
    if (message.type === 'start') {
      const ahead = !announced ? client : undefined
      // One that failed meanwhile (no endpoint answered its first requests) is started again, as without a head start.
      if (ahead && headStarted === JSON.stringify(message.network) && ahead.state.status !== 'error') {
        // The network the light client was head-started on: it is the page's, under way since the
        // worker loaded. What it holds now is posted at once, with its heads' evidence.
        announce(ahead)
        const state = ahead.state
        post({ type: 'state', state: toStateData(state), evidence: evidenceOf(ahead)(state.finalized, state.optimistic) })
        return
      }
      headStarted = undefined
      if (ahead) {
        client = undefined
        void ahead.stop() // head-started on another network: nothing of it was posted
      }
      try {
        const started = open(message.network)
        announce(started)
        void started.start()
      } catch (error) {
        client = undefined
        post({ type: 'failed', error: toErrorData(error) })
      }
    } else if (message.type === 'stop') {
      void (client?.stop() ?? Promise.resolve()).finally(() => post({ type: 'stopped' }))
    } else if (message.type === 'prepareConnect') {
      // Independent of the light client: answered whether or not one was started here.
      prepareConnect({ query: new URLSearchParams(message.query), networks: message.networks }).then(
        (plan) => {
          post({ type: 'connectPlan', id: message.id, plan })
          warmUp()
        },
        (error) => post({ type: 'connectPlan', id: message.id, error: toErrorData(error) }),
      )
    } else if (message.type === 'verifyBundleConsensus') {
      // Stateless like prepareConnect, and synchronous: a replay needs no network. noble is the
      // browser's backend (loadDefaultBls), already in this bundle for the light client.
      try {
        post({ type: 'bundleConsensusVerified', id: message.id, result: verifyBundleConsensus({ ...message.parameters, bls: nobleBls }) })
      } catch (error) {
        post({ type: 'bundleConsensusVerified', id: message.id, error: toErrorData(error) })
      }
    } else if (message.type === 'headEvidence') {
      post({ type: 'headEvidence', id: message.id, evidence: client?.headEvidence(message.blockHash) })
    } else if (message.type === 'bundleConsensus') {
      const started = client
      if (!started) return post({ type: 'bundleConsensus', id: message.id, error: { name: 'HeaderNotAvailableError', shortMessage: 'The light client has not started.', message: 'The light client has not started.' } })
      started.consensusProof(message.blockHash).then(
        (proof) => post({ type: 'bundleConsensus', id: message.id, parts: { network: toBundleNetwork({ network: started.network, chainId }), proof } }),
        (error) => post({ type: 'bundleConsensus', id: message.id, error: toErrorData(error) }),
      )
    } else if (message.type === 'header') {
      if (!client) return post({ type: 'header', id: message.id, error: { name: 'HeaderNotAvailableError', shortMessage: 'The light client has not started.', message: 'The light client has not started.' } })
      client.getExecutionHeader(message.block).then(
        (header) => post({ type: 'header', id: message.id, header }),
        (error) => post({ type: 'header', id: message.id, error: toErrorData(error) }),
      )
    }
  })
  post({ type: 'loaded' })
}

function isWorkerScope(): boolean {
  const scope = globalThis as { WorkerGlobalScope?: abstract new () => object }
  return typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope && typeof (globalThis as { postMessage?: unknown }).postMessage === 'function'
}

/** Where this bundle, imported on the page (no worker could start), leaves serveLightClient for runLightClientOnPage. */
export const pageServiceKey = Symbol.for('latchkey.serveLightClient')

// On the page the service is handed over through this one well-known global instead of an export:
// Vite's worker build (`npm run dev`) drops a worker's exports.
if (isWorkerScope()) serveLightClient(globalThis as unknown as ServicePort, { headStart: headStartOf(String((globalThis as { name?: unknown }).name ?? '')) })
else Object.assign(globalThis, { [pageServiceKey]: serveLightClient })
