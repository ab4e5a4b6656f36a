import type { Transport } from 'viem'
import { type RpcClient, createRpcClient } from '../../lib/rpc/createRpcClient.ts'
import { type VerifiedClient, createVerifiedClient } from '../../lib/rpc/createVerifiedClient.ts'
import { verified } from '../../lib/rpc/verified.ts'
import { createWorkerLightClient } from './createWorkerLightClient.ts'
import { type RecordRead, type VerifiedRequestWithEvidence, createVerifiedRequest } from '../../lib/rpc/createVerifiedRequest.ts'
import type { LightClientHandle } from './lightClientProtocol.ts'
import { runLightClientOnPage } from './runLightClientOnPage.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'

export type ChainEngine = {
  lightClient: LightClientHandle
  /** Where the light client's sync and BLS work runs: a module worker, or the page when no worker could start. */
  lightClientRunsIn: 'worker' | 'main'
  /** Why the worker could not be used (when `lightClientRunsIn` is 'main'). */
  workerError: string | undefined
  /** viem client whose every answer is verified against the light client's headers. */
  client: VerifiedClient
  /** The client's verified transport (same providers, health and cache), for readers that build their own client (ENS). */
  transport: Transport
  rpc: RpcClient
  /** A verified read that also returns what it rests on (headers, proofs, who answered, who was refused): for "What was checked" and proof bundles. */
  readWithEvidence: VerifiedRequestWithEvidence
  /** The same recording for verified work outside the method table (the review's preview, a history range): its client and headers record. */
  recordRead: RecordRead
  stop(): Promise<void>
}

export type CreateChainEngineParameters = {
  network: NetworkSettings
  /**
   * The light client in its worker, already started on `network` (createWorkerLightClient over the
   * worker spawned at app start), or a rejection saying why no worker runs; undefined runs it on the page.
   */
  inWorker?: Promise<LightClientHandle>
}

/**
 * Wires the light client to a verified viem client. This module is the page's one lazy engine
 * chunk (its imports load together, while the worker spawned at app start already syncs); the
 * light client itself runs in the worker, and on the page (the worker's own bundle, imported) when
 * no worker can run.
 */
export async function createChainEngine({ network, inWorker }: CreateChainEngineParameters): Promise<ChainEngine> {
  let lightClient: LightClientHandle | undefined
  let workerError: string | undefined = 'not asked for'
  if (inWorker) {
    try {
      lightClient = await inWorker
      workerError = undefined
    } catch (error) {
      workerError = (error as Error).message
    }
  }
  const lightClientRunsIn = lightClient ? 'worker' : 'main'
  if (!lightClient) {
    console.warn(`Latchkey: running the light client on the page. ${workerError}`)
    lightClient = await createWorkerLightClient({ network, channel: await runLightClientOnPage() }).catch((error: Error) => {
      // On the page a refusal is the light client's own (e.g. a bad network setting): show it by its name.
      throw error.cause instanceof Error ? error.cause : error
    })
  }
  const rpc = createRpcClient({ urls: network.rpcs })
  const transport = verified({ headers: lightClient, rpcs: rpc, chainId: network.chainId })
  const client = createVerifiedClient({
    transport,
    // The light client drives refreshes: none of viem's watchers or waits is bound on this client.
    pollingInterval: 1_000,
  })
  const handle = lightClient
  const { requestWithEvidence: readWithEvidence, recordRead } = createVerifiedRequest({ headers: lightClient, rpcs: rpc, chainId: network.chainId })
  return {
    readWithEvidence,
    recordRead,
    lightClient: handle,
    lightClientRunsIn,
    workerError,
    client,
    transport,
    rpc,
    stop: () => handle.stop(),
  }
}
