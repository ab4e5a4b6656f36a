import { isBuiltInNetworkId } from './builtInNetworks.ts'
import type { NetworkEntry } from './networkEntry.ts'
import { impersonatedNetwork } from './verifyCustomNetwork.ts'

export type RestoreBuiltInNetworksParameters<N extends NetworkEntry> = {
  /** Networks as stored (localStorage, an imported setup): not trusted for any built-in's identity. */
  networks: N[]
  /** The build's entries for the built-in networks. */
  builtIns: N[]
}

/**
 * Rebuilds a stored network list so the built-ins are the build's: their id, name, kind and
 * chain id come from `builtIns`, any stored chain config or contract address is dropped, and only what the user may
 * edit (endpoints, checkpoint) is kept. A built-in that an older copy let a link replace (stored
 * as `custom` under a built-in id) comes back as the build's, endpoints and checkpoint included.
 * Custom networks keep their data but never a built-in's id or name.
 */
export function restoreBuiltInNetworks<N extends NetworkEntry>({ networks, builtIns }: RestoreBuiltInNetworksParameters<N>): N[] {
  const restored = builtIns.map((builtIn) => {
    const stored = networks.find((n) => n.id === builtIn.id)
    if (!stored || stored.kind !== 'public') return structuredClone(builtIn)
    const { spec: _spec, genesisValidatorsRoot: _gvr, genesisTime: _time, contracts: _contracts, ...editable } = stored
    return { ...structuredClone(builtIn), ...editable, id: builtIn.id, name: builtIn.name, kind: 'public' as const, chainId: builtIn.chainId }
  })
  const custom: N[] = []
  for (const network of networks) {
    if (typeof network?.id !== 'string' || isBuiltInNetworkId(network.id) || custom.some((c) => c.id === network.id)) continue
    const name = typeof network.name === 'string' && network.name && !impersonatedNetwork(network.name) ? network.name : network.id
    custom.push({ ...network, name, kind: 'custom' })
  }
  return [...restored, ...custom]
}
