import { parseSubdomainHost } from './parseSubdomainHost.ts'

/** The user's own node, asked by default: `npm run serve`, Kubo and IPFS Desktop listen there. */
export const localNodeGateways = ['http://127.0.0.1:8080', 'http://localhost:8080'] as const

export type GetCopyGatewaysParameters = {
  /** The page's or the worker's location (a subdomain gateway origin). */
  location: { protocol: string; hostname: string; port: string }
  /** Gateways the user added (About this copy). */
  userGateways?: readonly string[]
}

/**
 * Where this copy's blocks may be fetched from, in order: the gateway it came from (in its
 * subdomain form, same origin), the local node, then the user's list. None is trusted: every block
 * is checked against the CID.
 */
export function getCopyGateways({ location, userGateways = [] }: GetCopyGatewaysParameters): string[] {
  const port = location.port === '' ? '' : `:${location.port}`
  const own = parseSubdomainHost(location.hostname) ? [`${location.protocol}//${location.hostname}${port}`] : []
  return [...new Set([...own, ...localNodeGateways, ...userGateways].map((g) => g.replace(/\/+$/, '')))]
}
