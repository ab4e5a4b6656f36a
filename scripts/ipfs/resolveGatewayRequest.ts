import { parseCid } from '../../src/lib/ipfs/parseCid.ts'
import { parseSubdomainHost } from '../../src/lib/ipfs/parseSubdomainHost.ts'
import type { CID } from 'multiformats/cid'

export type GatewayRequest =
  | {
      kind: 'content'
      /** How the request named the content. */
      form: 'path' | 'subdomain'
      cid: CID
      /** Decoded path segments inside the DAG. */
      segments: string[]
      /** The URL path ended with '/'. */
      trailingSlash: boolean
      format: 'car' | 'raw' | undefined
      dagScope: 'all' | 'entity' | 'block'
    }
  | { kind: 'invalid-cid'; input: string }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'not-content' }

/** Works out what a gateway request asks for from its Host header, path, query and Accept header. */
export function resolveGatewayRequest({ host, url, accept }: { host: string; url: string; accept?: string }): GatewayRequest {
  const parsed = new URL(url, 'http://gateway.invalid')
  const hostname = host.replace(/:\d+$/, '')
  const sub = parseSubdomainHost(hostname)
  let cidText: string
  let rest: string
  let form: 'path' | 'subdomain'
  if (sub) {
    if (sub.namespace === 'ipns') return { kind: 'unsupported', reason: 'IPNS names are not resolved by this gateway' }
    cidText = sub.id
    rest = parsed.pathname
    form = 'subdomain'
  } else if (/^[^.]+\.ipfs\./.test(hostname)) {
    return { kind: 'invalid-cid', input: hostname.split('.')[0] }
  } else {
    const match = /^\/(ipfs|ipns)\/([^/]+)(\/.*)?$/.exec(parsed.pathname)
    if (!match) return { kind: 'not-content' }
    if (match[1] === 'ipns') return { kind: 'unsupported', reason: 'IPNS names are not resolved by this gateway' }
    cidText = match[2]
    rest = match[3] ?? ''
    form = 'path'
  }
  let cid: CID
  try {
    cid = parseCid(decodeURIComponent(cidText))
  } catch {
    return { kind: 'invalid-cid', input: cidText }
  }
  let segments: string[]
  try {
    segments = rest.split('/').filter((s) => s !== '').map(decodeURIComponent)
  } catch {
    return { kind: 'not-content' }
  }
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'not-content' }
  const formatParam = parsed.searchParams.get('format')
  const format =
    formatParam === 'car' || formatParam === 'raw'
      ? formatParam
      : accept?.includes('application/vnd.ipld.car')
        ? 'car'
        : accept?.includes('application/vnd.ipld.raw')
          ? 'raw'
          : undefined
  const scope = parsed.searchParams.get('dag-scope')
  const dagScope = scope === 'entity' || scope === 'block' ? scope : 'all'
  return { kind: 'content', form, cid, segments, trailingSlash: rest === '' ? false : rest.endsWith('/'), format, dagScope }
}
