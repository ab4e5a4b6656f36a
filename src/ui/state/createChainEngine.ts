import type { PublicClient } from 'viem'
import type { LightClient } from '../../lib/consensus/LightClient.ts'
import type { RpcClient } from '../../lib/rpc/createRpcClient.ts'
import type { NetworkSettings } from './settings.svelte.ts'

export type ChainEngine = {
  lightClient: LightClient
  /** viem client whose every answer is verified against the light client's headers. */
  client: PublicClient
  rpc: RpcClient
  stop(): Promise<void>
}

export type CreateChainEngineParameters = { network: NetworkSettings }

/**
 * Loads the consensus and verified-RPC modules (Lodestar, BLS WASM, viem) on demand, so the first
 * paint does not wait for them, and wires a light client to a verified viem client.
 */
export async function createChainEngine({ network }: CreateChainEngineParameters): Promise<ChainEngine> {
  const [{ LightClient }, networks, { createIndexedDbStateStore }, { createRpcClient }, { verified }, viem, { eth_getTransactionReceipt }] = await Promise.all([
    import('../../lib/consensus/LightClient.ts'),
    import('../../lib/consensus/networks.ts'),
    import('../../lib/consensus/createIndexedDbStateStore.ts'),
    import('../../lib/rpc/createRpcClient.ts'),
    import('../../lib/rpc/verified.ts'),
    import('viem'),
    import('./eth_getTransactionReceipt.ts'),
  ])
  const lcNetwork = network.kind === 'public'
    ? networks.getNetwork({ name: network.id as 'mainnet', beaconApis: network.beaconApis.length ? network.beaconApis : undefined, checkpoint: network.checkpoint })
    : networks.createCustomNetwork({
        name: network.id,
        specJson: network.spec ?? {},
        genesisValidatorsRoot: network.genesisValidatorsRoot ?? '0x',
        genesisTime: network.genesisTime ?? 0,
        beaconApis: network.beaconApis,
        checkpoint: network.checkpoint,
      })
  const lightClient = new LightClient({
    network: lcNetwork,
    beaconApis: lcNetwork.beaconApis,
    checkpoint: network.checkpoint,
    store: createIndexedDbStateStore(),
    // The user's own endpoints may be a single one (a devnet): its checkpoint is the user's.
    minAgreeingEndpoints: Math.min(2, Math.max(1, lcNetwork.beaconApis.length)),
  })
  const rpc = createRpcClient({ urls: network.rpcs })
  const client = viem.createPublicClient({
    transport: verified({ headers: lightClient, rpcs: rpc, chainId: network.chainId, handlers: { eth_getTransactionReceipt } }),
    // The light client drives refreshes; viem must not poll on its own.
    pollingInterval: 1_000,
  }) as PublicClient
  return {
    lightClient,
    client,
    rpc,
    stop: () => lightClient.stop(),
  }
}
