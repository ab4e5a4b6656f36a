import { base36 } from 'multiformats/bases/base36'
import { SubdomainLabelTooLongError } from './errors.ts'
import { getGatewayUrls } from './getGatewayUrls.ts'
import { getSubdomainUrl } from './getSubdomainUrl.ts'
import { parseCid } from './parseCid.ts'
import { parseSubdomainHost } from './parseSubdomainHost.ts'

export type OriginKind = 'subdomain-gateway' | 'path-gateway' | 'dev' | 'other'

/** The parts of `window.location` this looks at. */
export type LocationLike = {
  protocol: string
  hostname: string
  port: string
  pathname: string
  search?: string
  hash?: string
}

export type DetectOriginReturnType = {
  kind: OriginKind
  /** The CID the app was loaded from, as CIDv1 base32, when the URL reveals it. */
  cid?: string
  /** The IPNS name (key or DNSLink domain) when loaded through /ipns/ or a .ipns. subdomain. */
  ipnsName?: string
  /** The same content on an origin of its own (the current URL when already on a subdomain gateway). */
  subdomainUrl?: string
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/**
 * How the app is being served. On a path gateway (`/ipfs/<cid>/`) every site
 * shares one origin and can read the others' storage, so the UI keeps no key
 * vault there and offers `subdomainUrl` instead.
 * https://specs.ipfs.tech/http-gateways/subdomain-gateway/
 */
export function detectOrigin(location: LocationLike): DetectOriginReturnType {
  const port = location.port === '' ? '' : `:${location.port}`
  const sub = parseSubdomainHost(location.hostname)
  if (sub) {
    const subdomainUrl = `${location.protocol}//${location.hostname}${port}/`
    return sub.namespace === 'ipfs'
      ? { kind: 'subdomain-gateway', cid: sub.id, subdomainUrl }
      : { kind: 'subdomain-gateway', ipnsName: sub.id, subdomainUrl }
  }

  const match = /^\/(ipfs|ipns)\/([^/?#]+)(\/.*)?$/.exec(location.pathname)
  if (match) {
    const [, namespace, id, rest = '/'] = match
    const gatewayOrigin = `${location.protocol}//${location.hostname}${port}`
    const tail = `${rest.slice(1)}${location.search ?? ''}${location.hash ?? ''}`
    if (namespace === 'ipfs') {
      let cid: string
      try {
        cid = parseCid(id).toV1().toString()
      } catch {
        return { kind: 'other' }
      }
      try {
        return { kind: 'path-gateway', cid, subdomainUrl: getGatewayUrls({ cid, gatewayOrigin }).subdomainUrl + tail }
      } catch (error) {
        // No subdomain form for this CID (longer than a DNS label).
        if (error instanceof SubdomainLabelTooLongError) return { kind: 'path-gateway', cid }
        throw error
      }
    }
    try {
      const url = getSubdomainUrl({ gatewayOrigin, namespace: 'ipns', label: toIpnsLabel(id) })
      return { kind: 'path-gateway', ipnsName: id, subdomainUrl: url + tail }
    } catch (error) {
      if (error instanceof SubdomainLabelTooLongError) return { kind: 'path-gateway', ipnsName: id }
      throw error
    }
  }

  if (loopbackHosts.has(location.hostname) && (location.protocol === 'http:' || location.protocol === 'https:'))
    return { kind: 'dev' }
  return { kind: 'other' }
}

// A key as base36 CIDv1; a DNSLink name inlined into one label ('-' -> '--', '.' -> '-').
function toIpnsLabel(name: string): string {
  try {
    return parseCid(name).toV1().toString(base36.encoder)
  } catch {
    return name.replaceAll('-', '--').replaceAll('.', '-')
  }
}
