import { base36 } from 'multiformats/bases/base36'
import { parseCid } from './parseCid.ts'

export type ParseSubdomainHostReturnType = {
  namespace: 'ipfs' | 'ipns'
  /** CIDv1 base32 for ipfs; the key (base36) or the DNSLink name (un-inlined) for ipns. */
  id: string
  /** The gateway's own domain, e.g. `localhost` in `<cid>.ipfs.localhost`. */
  parentDomain: string
}

/**
 * Reads `<cid>.ipfs.<domain>` / `<name>.ipns.<domain>` host names
 * (https://specs.ipfs.tech/http-gateways/subdomain-gateway/); undefined for any other host.
 */
export function parseSubdomainHost(hostname: string): ParseSubdomainHostReturnType | undefined {
  const match = /^([^.]+)\.(ipfs|ipns)\.(.+)$/.exec(hostname.toLowerCase())
  if (!match) return undefined
  const [, label, namespace, parentDomain] = match
  if (namespace === 'ipfs') {
    try {
      return { namespace, id: parseCid(label).toV1().toString(), parentDomain }
    } catch {
      return undefined
    }
  }
  try {
    return { namespace: 'ipns', id: parseCid(label).toV1().toString(base36.encoder), parentDomain }
  } catch {
    // DNSLink name inlined into one label: '--' was '-', '-' was '.'.
    const name = label.replace(/--|-/g, (m) => (m === '--' ? '-' : '.'))
    return { namespace: 'ipns', id: name, parentDomain }
  }
}
