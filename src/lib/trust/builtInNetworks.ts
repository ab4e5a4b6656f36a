import type { Hex } from '../consensus/networks.ts'

/** What identifies a network the build ships; a test checks every field against @lodestar/config. */
export type BuiltInNetwork = {
  id: 'mainnet' | 'sepolia' | 'hoodi'
  name: string
  chainId: number
  genesisValidatorsRoot: Hex
}

/**
 * The networks whose chain config, fork schedule and genesis validators root come from the build
 * (@lodestar/config) and from nothing else: no link, beacon API or import may replace or rename
 * them. Kept as constants (not read from @lodestar/config) so the first paint need not load Lodestar.
 */
export const builtInNetworks: readonly BuiltInNetwork[] = [
  { id: 'mainnet', name: 'Ethereum mainnet', chainId: 1, genesisValidatorsRoot: '0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95' },
  { id: 'sepolia', name: 'Sepolia', chainId: 11155111, genesisValidatorsRoot: '0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078' },
  { id: 'hoodi', name: 'Hoodi', chainId: 560048, genesisValidatorsRoot: '0x212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f' },
]

export function getBuiltInNetwork(id: string): BuiltInNetwork | undefined {
  return builtInNetworks.find((n) => n.id === id)
}

export function isBuiltInNetworkId(id: string): id is BuiltInNetwork['id'] {
  return getBuiltInNetwork(id) !== undefined
}
