import { LightClient } from '../../lib/consensus/LightClient.ts'
import { createIndexedDbStateStore } from '../../lib/consensus/createIndexedDbStateStore.ts'
import type { LightClientStateStore } from '../../lib/consensus/LightClientStateStore.ts'
import { type Network, createCustomNetwork, getNetwork } from '../../lib/consensus/networks.ts'
import { isBuiltInNetworkId } from '../../lib/trust/builtInNetworks.ts'
import { verifyCustomNetwork } from '../../lib/trust/verifyCustomNetwork.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'

export type CreateLightClientParameters = {
  network: NetworkSettings
  /** Where the verified state is kept; default: a new IndexedDB store. */
  store?: LightClientStateStore
}

/**
 * A built-in id always means the build's config, whatever else the entry says. A custom entry
 * that passes for a built-in is refused here too, not only when it was added.
 */
function toNetwork(network: NetworkSettings): Network {
  if (isBuiltInNetworkId(network.id)) return getNetwork({ name: network.id, beaconApis: network.beaconApis, checkpoint: network.checkpoint })
  verifyCustomNetwork({ network })
  return createCustomNetwork({
    name: network.id,
    specJson: network.spec ?? {},
    genesisValidatorsRoot: network.genesisValidatorsRoot ?? '0x',
    genesisTime: network.genesisTime ?? 0,
    beaconApis: network.beaconApis,
    checkpoint: network.checkpoint,
  })
}

/**
 * The light client for a network as the user configured it. Runs in the light-client worker, or
 * on the page when no worker can be started; either way its verified state is kept in IndexedDB.
 */
export function createLightClient({ network, store = createIndexedDbStateStore() }: CreateLightClientParameters): LightClient {
  const lcNetwork = toNetwork(network)
  return new LightClient({
    network: lcNetwork,
    beaconApis: lcNetwork.beaconApis,
    checkpoint: network.checkpoint,
    store,
    // Without a confirmed checkpoint, a built-in network starts only from a root two endpoints
    // agree on. A custom network's chain config already comes from the beacon API the user
    // confirmed; when it is the only one, its finalized root is the user's choice too.
    minAgreeingEndpoints: isBuiltInNetworkId(network.id) ? 2 : Math.min(2, Math.max(1, lcNetwork.beaconApis.length)),
  })
}
