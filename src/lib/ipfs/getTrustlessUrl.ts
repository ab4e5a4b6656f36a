import type { CID } from 'multiformats/cid'
import { GatewayRequestError } from './errors.ts'
import { parseSubdomainHost } from './parseSubdomainHost.ts'

/**
 * The URL of `cid` on a gateway, before the `?format=` query: `<gateway>/ipfs/<cid>` on a path
 * gateway, `<gateway>/` on the subdomain origin of that very CID (the app's own origin, which its
 * service worker can ask without CORS). A subdomain origin addresses nothing else.
 */
export function getTrustlessUrl({ gateway, cid }: { gateway: string; cid: CID }): string {
  const sub = parseSubdomainHost(new URL(gateway).hostname)
  if (!sub) return `${gateway}/ipfs/${cid}`
  if (sub.namespace === 'ipfs' && sub.id === cid.toV1().toString()) return `${gateway}/`
  throw new GatewayRequestError({ url: gateway, unreachable: true, details: `a subdomain origin serves only its own CID, not ${cid}` })
}
