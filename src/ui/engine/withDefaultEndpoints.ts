import { defaultBeaconApis, isPublicNetworkName } from '../../lib/consensus/defaultBeaconApis.ts'
import { defaultRpcs } from '../../lib/rpc/defaultRpcs.ts'
import type { EndpointKind, NetworkSettings } from '../../lib/settings/settingsData.ts'

const kinds: EndpointKind[] = ['beaconApis', 'rpcs']

/** The build's endpoints of one kind for a built-in network; undefined for custom networks. */
export function defaultEndpointsOf({ networkId, kind }: { networkId: string; kind: EndpointKind }): string[] | undefined {
  if (!isPublicNetworkName(networkId)) return undefined
  return [...(kind === 'beaconApis' ? defaultBeaconApis : defaultRpcs)[networkId]]
}

/**
 * A built-in network's endpoint lists as they are in use: the user's list where the user edited
 * it, else this build's defaults (so a new release's defaults reach everyone who never edited).
 * Settings saved before `userEndpoints` existed count a non-empty list as the user's and an empty
 * one (the old "use the defaults") as not, so they pick up the defaults too.
 */
export function withDefaultEndpoints(network: NetworkSettings): NetworkSettings {
  if (network.kind !== 'public' || !isPublicNetworkName(network.id)) return network
  const next: NetworkSettings = { ...network, userEndpoints: { beaconApis: false, rpcs: false } }
  for (const kind of kinds) {
    const list = Array.isArray(network[kind]) ? network[kind] : []
    const isUsers = network.userEndpoints?.[kind] ?? list.length > 0
    next.userEndpoints![kind] = isUsers
    next[kind] = isUsers ? [...list] : defaultEndpointsOf({ networkId: network.id, kind })!
  }
  return next
}
