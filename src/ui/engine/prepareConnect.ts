import { type ChainFacts, describeChain } from '../../lib/consensus/describeChain.ts'
import { type FetchChainSpecReturnType, fetchChainSpec } from '../../lib/consensus/fetchChainSpec.ts'
import { type Hex, createCustomNetwork, getNetwork } from '../../lib/consensus/networks.ts'
import { messageOf } from '../../lib/errors.ts'
import { freeNetworkId } from '../../lib/trust/applyNetworkChange.ts'
import { isBuiltInNetworkId } from '../../lib/trust/builtInNetworks.ts'
import { type NetworkDifference, diffNetworks } from '../../lib/trust/diffNetworks.ts'
import { ConflictingChainConfigError } from '../../lib/trust/errors.ts'
import { parseConnectLink } from '../../lib/trust/parseConnectLink.ts'
import { CUSTOM_FEED_HEARTBEAT_SECONDS, type NetworkContracts } from '../../lib/trust/networkContracts.ts'
import { verifyCustomNetwork } from '../../lib/trust/verifyCustomNetwork.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'

/** An endpoint the link names; `known` when the network already has it. */
export type ProposedEndpoint = { url: string; known: boolean }

/** What a link would do, for the review screen. Nothing of it is applied until the user confirms. */
export type ConnectPlan =
  | {
      kind: 'builtin'
      /** The built-in network as configured now; its identity is the build's and stays so. */
      network: NetworkSettings
      /** From the build (@lodestar/config), not from the link. */
      facts: ChainFacts
      beaconApis: ProposedEndpoint[]
      rpcs: ProposedEndpoint[]
      checkpoint: Hex | undefined
    }
  | {
      kind: 'custom'
      /** The network as the link describes it, under the id it asks for. */
      proposed: NetworkSettings
      /** From the link's beacon APIs: what the user is asked to vouch for. */
      facts: ChainFacts
      /** A network already configured under that id, and what would change if it were updated. */
      existing: NetworkSettings | undefined
      differences: NetworkDifference[]
      /** The id it gets when added as a new network (the proposed id when free). */
      newId: string
      /** Beacon APIs that did not answer while the config was read (not checked for agreement). */
      unreachable: { url: string; error: string }[]
    }

export type PrepareConnectParameters = {
  query: URLSearchParams
  networks: NetworkSettings[]
  fetch?: typeof fetch
}

const canonical = (value: unknown): string => JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v))

/** Reads the config from every beacon API the link names; those that answer must describe one chain. */
async function readAgreedSpec(urls: string[], fetchFn: typeof fetch | undefined): Promise<{ read: FetchChainSpecReturnType; unreachable: { url: string; error: string }[] }> {
  const results = await Promise.allSettled(urls.map((url) => fetchChainSpec({ url, fetch: fetchFn })))
  const answered = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ url: urls[i], read: r.value }] : []))
  const unreachable = results.flatMap((r, i) => (r.status === 'rejected' ? [{ url: urls[i], error: messageOf(r.reason) }] : []))
  if (answered.length === 0) throw (results[0] as PromiseRejectedResult).reason
  const [first, ...rest] = answered
  for (const other of rest) {
    for (const field of ['genesisValidatorsRoot', 'genesisTime', 'spec'] as const) {
      if (canonical(first.read[field]) !== canonical(other.read[field])) throw new ConflictingChainConfigError({ urls: [first.url, other.url], field: field === 'spec' ? 'the chain config' : field === 'genesisTime' ? 'the genesis time' : 'the genesis validators root' })
    }
  }
  return { read: first.read, unreachable }
}

/**
 * Turns a `#/connect` link into a plan for the review screen. A link naming a built-in network
 * can only propose endpoints and a checkpoint; the chain facts shown are the build's. A link for
 * a custom network has its config read from its beacon APIs (shown for the user to vouch for)
 * and is checked not to pass for a built-in network.
 */
export async function prepareConnect({ query, networks, fetch: fetchFn }: PrepareConnectParameters): Promise<ConnectPlan> {
  const link = parseConnectLink({ query })
  if (isBuiltInNetworkId(link.network)) {
    const network = networks.find((n) => n.id === link.network)!
    const known = (list: string[]) => (url: string) => ({ url, known: list.some((u) => u.replace(/\/+$/, '').toLowerCase() === url.replace(/\/+$/, '').toLowerCase()) })
    return {
      kind: 'builtin',
      network,
      facts: describeChain(getNetwork({ name: link.network })),
      beaconApis: link.beaconApis.map(known(network.beaconApis)),
      rpcs: link.rpcs.map(known(network.rpcs)),
      checkpoint: link.checkpoint,
    }
  }
  const { read, unreachable } = await readAgreedSpec(link.beaconApis, fetchFn)
  const chain = createCustomNetwork({ name: link.network, specJson: read.spec, genesisValidatorsRoot: read.genesisValidatorsRoot, genesisTime: read.genesisTime })
  const facts = describeChain(chain)
  const contracts: NetworkContracts = {
    ...(link.contracts?.ensUniversalResolver && { ensUniversalResolver: link.contracts.ensUniversalResolver }),
    ...(link.contracts?.ethUsdFeed && { priceFeeds: { ethUsd: { address: link.contracts.ethUsdFeed, description: 'ETH / USD', heartbeatSeconds: CUSTOM_FEED_HEARTBEAT_SECONDS } } }),
  }
  const proposed = verifyCustomNetwork<NetworkSettings>({
    network: {
      id: link.network,
      name: link.network,
      kind: 'custom',
      chainId: facts.chainId,
      beaconApis: link.beaconApis,
      rpcs: link.rpcs,
      checkpoint: link.checkpoint,
      spec: read.spec,
      genesisValidatorsRoot: chain.genesisValidatorsRoot,
      genesisTime: chain.genesisTime,
      ...(Object.keys(contracts).length > 0 && { contracts }),
    },
  })
  const existing = networks.find((n) => n.id === proposed.id)
  return {
    kind: 'custom',
    proposed,
    facts,
    existing,
    differences: existing ? diffNetworks({ current: existing, proposed }) : [],
    newId: freeNetworkId({ networks, base: proposed.id }),
    unreachable,
  }
}
