import { chainConfigToJson } from '@lodestar/config'
import type { BundleNetwork } from '../bundle/types.ts'
import { BundleNetworkMismatchError } from '../bundle/errors.ts'
import { type Network, createCustomNetwork, getNetwork, isPublicNetworkName } from './networks.ts'

/** A network as a bundle names it: built-in ones by name (the verifier's build supplies the config), custom ones with their spec. */
export function toBundleNetwork({ network, chainId }: { network: Network; chainId: number }): BundleNetwork {
  const builtIn = isPublicNetworkName(network.name)
  return {
    name: network.name,
    chainId,
    genesisValidatorsRoot: network.genesisValidatorsRoot,
    genesisTime: network.genesisTime,
    builtIn,
    ...(!builtIn && { chainConfig: chainConfigToJson(network.chainConfig) as Record<string, string> }),
  }
}

/**
 * The network a bundle is checked on. A built-in name means this build's config, whatever else the
 * bundle says (its genesis validators root must agree); a custom network's config comes from the
 * bundle, and only a checkpoint the user passes makes its chain trusted.
 */
export function fromBundleNetwork(bundle: BundleNetwork): Network {
  if (bundle.builtIn) {
    if (!isPublicNetworkName(bundle.name)) throw new BundleNetworkMismatchError({ network: bundle.name, reason: 'is marked built-in but this build has no such network' })
    const network = getNetwork({ name: bundle.name, beaconApis: [] })
    if (network.genesisValidatorsRoot.toLowerCase() !== bundle.genesisValidatorsRoot.toLowerCase())
      throw new BundleNetworkMismatchError({ network: bundle.name, reason: `has genesis validators root ${bundle.genesisValidatorsRoot}, this build's is ${network.genesisValidatorsRoot}` })
    return network
  }
  if (isPublicNetworkName(bundle.name)) throw new BundleNetworkMismatchError({ network: bundle.name, reason: 'is a built-in name but the bundle brings its own config' })
  return createCustomNetwork({ name: bundle.name, specJson: bundle.chainConfig ?? {}, genesisValidatorsRoot: bundle.genesisValidatorsRoot, genesisTime: bundle.genesisTime, beaconApis: [] })
}
