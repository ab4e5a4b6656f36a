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

/** What the service needs of its end of the channel: a worker's global scope or a MessagePort. */
export type ServicePort = {
  postMessage(message: FromWorker): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void
}

/** Answers the page's messages (lightClientProtocol.ts) with a light client for the network it is started on. */
export function serveLightClient(port: ServicePort): void {
  let client: LightClient | undefined
  let chainId = 0
  let warmed = false
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

  port.addEventListener('message', (event) => {
    const message = event.data
    if (message.type === 'start') {
      try {
        client = createLightClient({ network: message.network, store })
        chainId = message.network.chainId
        const started = client
        // Each head goes with how it was trusted: the page answers "What was checked" for a value
        // read at it without asking the worker (busy, right after a sync, validating committees).
        const evidence = (...heads: (ConsensusHeader | undefined)[]) => headEvidenceOf({ client: started, heads })
        client.subscribe((e) => post(e.type === 'state'
          ? { type: 'state', state: toStateData(e.state), evidence: evidence(e.state.finalized, e.state.optimistic) }
          : { ...e, evidence: evidence(e.finalized, e.optimistic) }))
        post({ type: 'ready', genesisTime: client.network.genesisTime, secondsPerSlot: client.config.SECONDS_PER_SLOT, state: toStateData(client.state) })
        void client.start()
      } catch (error) {
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
if (isWorkerScope()) serveLightClient(globalThis as unknown as ServicePort)
else Object.assign(globalThis, { [pageServiceKey]: serveLightClient })
