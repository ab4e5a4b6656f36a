import type { ServicePort } from './lightClient.worker.ts'
import { lightClientWorkerUrl } from './spawnLightClientWorker.ts'
import { type LightClientChannel, toLightClientChannel } from './toLightClientChannel.ts'
import { LightClientBundleError } from './errors.ts'

// Symbol.for: the same key as lightClient.worker.ts's pageServiceKey, without importing that module (and the light client with it) into the page's chunks.
const pageServiceKey = Symbol.for('latchkey.serveLightClient')

/**
 * The main-thread fallback: the worker's own bundle, imported on the page and spoken to over a
 * MessageChannel, so the page uses the same protocol and the build holds one copy of the light
 * client (not one for the worker and one for the page).
 */
export async function runLightClientOnPage(): Promise<LightClientChannel> {
  await import(/* @vite-ignore */ lightClientWorkerUrl())
  const serve = (globalThis as { [pageServiceKey]?: (port: ServicePort) => void })[pageServiceKey]
  if (!serve) throw new LightClientBundleError({ url: lightClientWorkerUrl() })
  const { port1, port2 } = new MessageChannel()
  const channel = toLightClientChannel({ endpoint: port2 as unknown as Worker, close: () => (port1.close(), port2.close()) })
  serve(port1 as unknown as ServicePort)
  port1.start()
  port2.start()
  return channel
}
