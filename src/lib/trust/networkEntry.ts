import type { Hex } from '../consensus/networks.ts'
import type { NetworkContracts } from './networkContracts.ts'

/**
 * The part of a configured network the trust model looks at. `kind: 'public'` entries are the
 * built-in networks (their identity is the build's); everything else is `custom`.
 */
export type NetworkEntry = {
  id: string
  name: string
  kind: 'public' | 'custom'
  chainId: number
  beaconApis: string[]
  rpcs: string[]
  /** A block root the user trusts (overrides saved state and endpoint agreement). */
  checkpoint?: Hex
  /** Custom networks: the /eth/v1/config/spec JSON and genesis data the user confirmed. */
  spec?: Record<string, unknown>
  genesisValidatorsRoot?: Hex
  genesisTime?: number
  /** Custom networks: the ENS and price-feed contracts the user confirmed (built-ins use the build's). */
  contracts?: NetworkContracts
}

/** How a network is named in text (a select's options, a toast): a custom network always says so. */
export function networkLabel(network: Pick<NetworkEntry, 'name' | 'kind'>): string {
  return network.kind === 'custom' ? `${network.name} (custom network)` : network.name
}
