import { localNodeGateways } from './getCopyGateways.ts'
import { parseSubdomainHost } from './parseSubdomainHost.ts'

export type GetReleaseGatewaysParameters = {
  location: { protocol: string; hostname: string; port: string }
  userGateways?: readonly string[]
}

/**
 * Where another CID's blocks may be fetched from: the gateway this copy came from in its path form
 * (`<cid>.ipfs.localhost:8080` serves only its own CID; `localhost:8080/ipfs/<other>` serves the
 * rest), the local node, then the user's list. None is trusted: every block is checked against the CID.
 */
export function getReleaseGateways({ location, userGateways = [] }: GetReleaseGatewaysParameters): string[] {
  const port = location.port === '' ? '' : `:${location.port}`
  const sub = parseSubdomainHost(location.hostname)
  const own = sub ? [`${location.protocol}//${sub.parentDomain}${port}`] : []
  return [...new Set([...own, ...localNodeGateways, ...userGateways].map((g) => g.replace(/\/+$/, '')))]
}
