import { builtInNetworks, getBuiltInNetwork } from './builtInNetworks.ts'
import { BuiltInNetworkError, ImpersonatesBuiltInNetworkError } from './errors.ts'
import type { NetworkEntry } from './networkEntry.ts'
import { verifyNetworkId } from './parseConnectLink.ts'

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

/** True when a name reads as a built-in network's (id or name, ignoring case, spaces and punctuation). */
export function impersonatedNetwork(name: string): string | undefined {
  return builtInNetworks.find((b) => squash(name) === squash(b.id) || squash(name) === squash(b.name))?.name
}

export type VerifyCustomNetworkParameters<N extends NetworkEntry> = { network: N }

/**
 * A custom network may not pass for a built-in one: not its id, its name, its chain id (a
 * signature would be valid on the real chain) nor its genesis validators root. Returns the
 * network with its id checked and `kind: 'custom'`.
 */
export function verifyCustomNetwork<N extends NetworkEntry>({ network }: VerifyCustomNetworkParameters<N>): N {
  const id = verifyNetworkId(network.id)
  const builtIn = getBuiltInNetwork(id)
  if (builtIn) throw new BuiltInNetworkError({ networkId: id, name: builtIn.name })
  const named = impersonatedNetwork(network.name)
  if (named) throw new ImpersonatesBuiltInNetworkError({ field: 'name', value: network.name, builtIn: named })
  const sameChain = builtInNetworks.find((b) => b.chainId === network.chainId)
  if (sameChain) throw new ImpersonatesBuiltInNetworkError({ field: 'chain id', value: String(network.chainId), builtIn: sameChain.name })
  const sameGenesis = builtInNetworks.find((b) => b.genesisValidatorsRoot === network.genesisValidatorsRoot?.toLowerCase())
  if (sameGenesis) throw new ImpersonatesBuiltInNetworkError({ field: 'genesis validators root', value: network.genesisValidatorsRoot!, builtIn: sameGenesis.name })
  return { ...network, id, kind: 'custom' }
}
