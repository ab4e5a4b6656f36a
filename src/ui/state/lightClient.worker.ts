// The light client's worker: Lodestar's sync protocol and the BLS committee checks (herumi WASM)
// run here, off the page's main thread. The page talks to it through createWorkerLightClient.
//
// Why not Vite's `new Worker(new URL('./lightClient.worker.ts', import.meta.url))`: Vite bundles
// such workers separately, as IIFE and without the app's plugins (Buffer polyfill, no native BLS,
// WebCrypto for herumi), and @chainsafe/bls's top-level await cannot be IIFE. This module is
// instead an ordinary chunk of the app's own build, started in a module worker through the small
// static bootstrap static/lightClientWorker.js (which gives Vite's preload helper the empty
// document it needs): same plugins, same origin ('self' under the CSP, no blob:), and relative
// paths keep working under /ipfs/<cid>/.
import type { LightClient } from '../../lib/consensus/LightClient.ts'
import { type FromWorker, type ToWorker, toErrorData, toStateData } from './lightClientProtocol.ts'

/** Starts this module as the light-client worker (the bootstrap sits next to index.html). */
export function spawnLightClientWorker(): Worker {
  const bootstrap = new URL('./lightClientWorker.js', document.baseURI)
  bootstrap.hash = encodeURIComponent(import.meta.url)
  return new Worker(bootstrap, { type: 'module', name: 'latchkey-light-client' })
}

function isWorkerScope(): boolean {
  const scope = globalThis as { WorkerGlobalScope?: abstract new () => object }
  return typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope && typeof (globalThis as { postMessage?: unknown }).postMessage === 'function'
}

if (isWorkerScope()) {
  let client: LightClient | undefined
  const post = (message: FromWorker) => postMessage(message)

  addEventListener('message', async (event: MessageEvent<ToWorker>) => {
    const message = event.data
    if (message.type === 'start') {
      try {
        // Loaded here, not statically: the page imports this module too (for spawnLightClientWorker) and must not load Lodestar for it.
        const { createLightClient } = await import('./createLightClient.ts')
        client = createLightClient({ network: message.network })
        client.subscribe((e) => post(e.type === 'state' ? { type: 'state', state: toStateData(e.state) } : e))
        post({ type: 'ready', genesisTime: client.network.genesisTime, secondsPerSlot: client.config.SECONDS_PER_SLOT, state: toStateData(client.state) })
        void client.start()
      } catch (error) {
        post({ type: 'failed', error: toErrorData(error) })
      }
    } else if (message.type === 'stop') {
      void (client?.stop() ?? Promise.resolve()).finally(() => post({ type: 'stopped' }))
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
