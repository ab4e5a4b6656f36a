import type { Hex } from '../consensus/networks.ts'
import { getBuiltInNetwork } from './builtInNetworks.ts'
import { BuiltInNetworkError, NetworkExistsError, UnknownNetworkIdError } from './errors.ts'
import type { NetworkEntry } from './networkEntry.ts'
import { verifyCustomNetwork } from './verifyCustomNetwork.ts'

/**
 * Every change the app may make to its network list. There is no "replace a network": a
 * built-in can gain endpoints or a checkpoint, never another identity.
 */
export type NetworkChange<N extends NetworkEntry> =
  | { kind: 'addCustom'; network: N }
  | { kind: 'updateCustom'; network: N }
  | { kind: 'addEndpoints'; id: string; beaconApis: string[]; rpcs: string[] }
  | { kind: 'setEndpoints'; id: string; list: 'beaconApis' | 'rpcs'; urls: string[] }
  | { kind: 'setCheckpoint'; id: string; checkpoint: Hex | undefined }

export type ApplyNetworkChangeParameters<N extends NetworkEntry> = { networks: N[]; change: NetworkChange<N> }

const key = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase()
const merge = (current: string[], more: string[]) => [...current, ...more.filter((u) => !current.some((c) => key(c) === key(u)))]
const unique = (urls: string[]) => merge([], urls.map((u) => u.trim()).filter(Boolean))

/** Returns the new list; throws a typed error (and changes nothing) when the change is not allowed. */
export function applyNetworkChange<N extends NetworkEntry>({ networks, change }: ApplyNetworkChangeParameters<N>): N[] {
  if (change.kind === 'addCustom') {
    const network = verifyCustomNetwork({ network: change.network })
    if (networks.some((n) => n.id === network.id)) throw new NetworkExistsError({ networkId: network.id })
    return [...networks, network]
  }
  if (change.kind === 'updateCustom') {
    const network = verifyCustomNetwork({ network: change.network })
    const i = networks.findIndex((n) => n.id === network.id && n.kind === 'custom')
    if (i === -1) throw new UnknownNetworkIdError({ networkId: network.id })
    return networks.with(i, network)
  }
  const i = networks.findIndex((n) => n.id === change.id)
  if (i === -1) {
    const builtIn = getBuiltInNetwork(change.id)
    if (builtIn) throw new BuiltInNetworkError({ networkId: builtIn.id, name: builtIn.name })
    throw new UnknownNetworkIdError({ networkId: change.id })
  }
  const network = networks[i]
  switch (change.kind) {
    case 'addEndpoints':
      return networks.with(i, { ...network, beaconApis: merge(network.beaconApis, change.beaconApis), rpcs: merge(network.rpcs, change.rpcs) })
    case 'setEndpoints':
      return networks.with(i, { ...network, [change.list]: unique(change.urls) })
    case 'setCheckpoint':
      return networks.with(i, { ...network, checkpoint: change.checkpoint })
  }
}

/** `base` when free, else `base-2`, `base-3`…: a custom network from a link gets an id of its own. */
export function freeNetworkId({ networks, base }: { networks: Pick<NetworkEntry, 'id'>[]; base: string }): string {
  if (!networks.some((n) => n.id === base)) return base
  for (let i = 2; ; i++) {
    const id = `${base.slice(0, 28)}-${i}`
    if (!networks.some((n) => n.id === id)) return id
  }
}
