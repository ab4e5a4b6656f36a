import { LightClient } from '../../lib/consensus/LightClient.ts'
import { createIndexedDbStateStore } from '../../lib/consensus/createIndexedDbStateStore.ts'
import { createCustomNetwork, getNetwork } from '../../lib/consensus/networks.ts'
import type { NetworkSettings } from './settings.svelte.ts'

export type CreateLightClientParameters = { network: NetworkSettings }

/**
 * The light client for a network as the user configured it. Runs in the light-client worker, or
 * on the page when no worker can be started; either way its verified state is kept in IndexedDB.
 */
export function createLightClient({ network }: CreateLightClientParameters): LightClient {
  const lcNetwork = network.kind === 'public'
    ? getNetwork({ name: network.id as 'mainnet', beaconApis: network.beaconApis, checkpoint: network.checkpoint })
    : createCustomNetwork({
        name: network.id,
        specJson: network.spec ?? {},
        genesisValidatorsRoot: network.genesisValidatorsRoot ?? '0x',
        genesisTime: network.genesisTime ?? 0,
        beaconApis: network.beaconApis,
        checkpoint: network.checkpoint,
      })
  return new LightClient({
    network: lcNetwork,
    beaconApis: lcNetwork.beaconApis,
    checkpoint: network.checkpoint,
    store: createIndexedDbStateStore(),
    // A built-in network takes a checkpoint only from two independent endpoints (or the user); a
    // custom network's endpoints may be a single one the user named (a devnet): its checkpoint is the user's.
    minAgreeingEndpoints: network.kind === 'public' ? 2 : Math.min(2, Math.max(1, lcNetwork.beaconApis.length)),
  })
}
