import { isAddress } from 'viem'
import type { Hex } from '../consensus/networks.ts'
import { isBuiltInNetworkId } from './builtInNetworks.ts'
import {
  BuiltInContractsError,
  InvalidContractAddressError,
  DuplicateLinkParameterError,
  InvalidCheckpointError,
  InvalidEndpointUrlError,
  InvalidNetworkIdError,
  MissingLinkParameterError,
  UnknownLinkParameterError,
  linkParameters,
} from './errors.ts'

/** What a `#/connect?...` link proposes. A proposal only: nothing in it is trusted until the user confirms. */
export type ConnectLink = {
  /** A built-in id (mainnet, sepolia, hoodi) or the id proposed for a custom network. */
  network: string
  beaconApis: string[]
  rpcs: string[]
  checkpoint?: Hex
  /** Custom networks: the ENS Universal Resolver and the ETH/USD feed the link proposes. */
  contracts?: { ensUniversalResolver?: Hex; ethUsdFeed?: Hex }
}

export type ParseConnectLinkParameters = { query: URLSearchParams }

const networkIdPattern = /^[a-z0-9][a-z0-9-]{0,31}$/

/** Checks a network id (also used for names typed in Settings). */
export function verifyNetworkId(value: string): string {
  const id = value.trim().toLowerCase()
  if (!networkIdPattern.test(id)) throw new InvalidNetworkIdError({ value })
  return id
}

/** An http(s) URL with no credentials or fragment; beacon APIs lose trailing slashes (paths are appended). */
export function verifyEndpointUrl({ parameter, url }: { parameter: 'beacon' | 'rpc'; url: string }): string {
  const raw = url.trim()
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new InvalidEndpointUrlError({ parameter, url, reason: 'it is not a URL' })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidEndpointUrlError({ parameter, url, reason: `${parsed.protocol} is not http or https` })
  // Credentials in a URL would be sent to that host and shown on screen; keys belong in the path or query of the provider's URL.
  if (parsed.username || parsed.password) throw new InvalidEndpointUrlError({ parameter, url, reason: 'it carries a user name or password' })
  if (parsed.hash) throw new InvalidEndpointUrlError({ parameter, url, reason: 'it has a #fragment' })
  return parameter === 'beacon' ? raw.replace(/\/+$/, '') : raw
}

const sameUrl = (a: string, b: string) => new URL(a).href.replace(/\/+$/, '') === new URL(b).href.replace(/\/+$/, '')

function endpoints(query: URLSearchParams, parameter: 'beacon' | 'rpc'): string[] {
  const urls: string[] = []
  for (const value of query.getAll(parameter)) {
    if (!value.trim()) throw new InvalidEndpointUrlError({ parameter, url: value, reason: 'it is empty' })
    const url = verifyEndpointUrl({ parameter, url: value })
    if (urls.some((u) => sameUrl(u, url))) throw new DuplicateLinkParameterError({ parameter, value: url })
    urls.push(url)
  }
  return urls
}

/**
 * Reads a `#/connect` link (`network`, `beacon`…, `rpc`…, `checkpoint`, and for a custom network
 * `ens` and `ethusd`: the contracts names and prices are read from). Anything it cannot read
 * exactly is refused with the parameter named: an unknown parameter, a repeated one, a URL that
 * is not http(s), a malformed root. It decides nothing: the review screen shows the result and
 * the user confirms.
 */
export function parseConnectLink({ query }: ParseConnectLinkParameters): ConnectLink {
  for (const key of new Set(query.keys())) {
    if (!(linkParameters as readonly string[]).includes(key)) throw new UnknownLinkParameterError({ parameter: key })
  }
  for (const key of ['network', 'checkpoint', 'ens', 'ethusd'] as const) {
    if (query.getAll(key).length > 1) throw new DuplicateLinkParameterError({ parameter: key })
  }
  const networkValue = query.get('network')
  if (networkValue === null || !networkValue.trim()) throw new MissingLinkParameterError({ parameter: 'network', reason: 'it must say which network it is for (mainnet, sepolia, hoodi, or a name for a custom one).' })
  const network = verifyNetworkId(networkValue)
  const beaconApis = endpoints(query, 'beacon')
  const rpcs = endpoints(query, 'rpc')
  const checkpointValue = query.get('checkpoint')
  let checkpoint: Hex | undefined
  if (checkpointValue !== null) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(checkpointValue.trim())) throw new InvalidCheckpointError({ value: checkpointValue })
    checkpoint = checkpointValue.trim().toLowerCase() as Hex
  }
  const contracts: NonNullable<ConnectLink['contracts']> = {}
  for (const [parameter, field] of [['ens', 'ensUniversalResolver'], ['ethusd', 'ethUsdFeed']] as const) {
    const value = query.get(parameter)
    if (value === null) continue
    if (isBuiltInNetworkId(network)) throw new BuiltInContractsError({ networkId: network, parameter })
    if (!isAddress(value.trim(), { strict: true })) throw new InvalidContractAddressError({ parameter, value })
    contracts[field] = value.trim() as Hex
  }
  if (isBuiltInNetworkId(network)) {
    if (beaconApis.length === 0 && rpcs.length === 0 && !checkpoint) throw new MissingLinkParameterError({ parameter: 'beacon', reason: 'a link for a built-in network can only add endpoints or a checkpoint, and this one names none.' })
  } else if (beaconApis.length === 0) {
    throw new MissingLinkParameterError({ parameter: 'beacon', reason: `a custom network's chain config is read from a beacon API, and the link names none for "${network}".` })
  }
  return { network, beaconApis, rpcs, checkpoint, ...(Object.keys(contracts).length > 0 && { contracts }) }
}
