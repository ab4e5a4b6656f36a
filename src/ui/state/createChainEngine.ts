import type { PublicClient } from 'viem'
import type { RpcClient } from '../../lib/rpc/createRpcClient.ts'
import type { LightClientHandle } from './lightClientProtocol.ts'
import type { NetworkSettings } from './settings.svelte.ts'

export type ChainEngine = {
  lightClient: LightClientHandle
  /** Where the light client's sync and BLS work runs: a module worker, or the page when no worker could start. */
  lightClientRunsIn: 'worker' | 'main'
  /** Why the worker could not be used (when `lightClientRunsIn` is 'main'). */
  workerError: string | undefined
  /** viem client whose every answer is verified against the light client's headers. */
  client: PublicClient
  rpc: RpcClient
  stop(): Promise<void>
}

export type CreateChainEngineParameters = {
  network: NetworkSettings
  /** Default true; false keeps the light client on the main thread. */
  useWorker?: boolean
}

/**
 * Loads the verified-RPC modules (viem) on demand, so the first paint does not wait for them,
 * starts the light client in a module worker (Lodestar and the BLS WASM load there, off the
 * page's thread), and wires it to a verified viem client. Falls back to a light client on the
 * page when no worker can run.
 */
export async function createChainEngine({ network, useWorker = true }: CreateChainEngineParameters): Promise<ChainEngine> {
  const [{ createRpcClient }, { verified }, viem] = await Promise.all([
    import('../../lib/rpc/createRpcClient.ts'),
    import('../../lib/rpc/verified.ts'),
    import('viem'),
  ])
  let lightClient: LightClientHandle | undefined
  let workerError: string | undefined
  if (useWorker && typeof Worker === 'function') {
    try {
      const [{ createWorkerLightClient }, { spawnLightClientWorker }] = await Promise.all([import('./WorkerLightClient.ts'), import('./lightClient.worker.ts')])
      lightClient = await createWorkerLightClient({ network, worker: spawnLightClientWorker() })
    } catch (error) {
      workerError = (error as Error).message
      console.warn(`Latchkey: running the light client on the page. ${workerError}`)
    }
  }
  const lightClientRunsIn = lightClient ? 'worker' : 'main'
  if (!lightClient) {
    const { createLightClient } = await import('./createLightClient.ts')
    lightClient = createLightClient({ network })
  }
  const rpc = createRpcClient({ urls: network.rpcs })
  const client = viem.createPublicClient({
    transport: verified({ headers: lightClient, rpcs: rpc, chainId: network.chainId }),
    // The light client drives refreshes; viem must not poll on its own.
    pollingInterval: 1_000,
  }) as PublicClient
  const handle = lightClient
  return {
    lightClient: handle,
    lightClientRunsIn,
    workerError,
    client,
    rpc,
    stop: () => handle.stop(),
  }
}
