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
  | { kind: 'bad-request'; reason: string }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'not-content' }

// C0 controls and DEL, after percent-decoding (%00, %0a, ...).
const controlCharacter = /[\u0000-\u001f\u007f]/
const controlReason = 'The path contains a control character (such as %00 or %0A); no file name here has one.'

// The same few CIDs arrive with every request (the app's subdomain): decoding base32 each time was the top cost.
const recentCids = new Map<string, CID>()
function parseCidMemo(text: string): CID {
  let cid = recentCids.get(text)
  if (cid) return cid
  cid = parseCid(text)
  if (recentCids.size >= 256) recentCids.delete(recentCids.keys().next().value!)
  recentCids.set(text, cid)
  return cid
}

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
    const decoded = decodeURIComponent(cidText)
    if (controlCharacter.test(decoded)) return { kind: 'bad-request', reason: controlReason }
    cid = parseCidMemo(decoded)
  } catch {
    return { kind: 'invalid-cid', input: cidText }
  }
  let segments: string[]
  try {
    segments = rest.split('/').filter((s) => s !== '').map(decodeURIComponent)
  } catch {
    return { kind: 'not-content' }
  }
  // No UnixFS name holds one (and %00 would end a name early in C-based stores); refuse rather than guess.
  if (segments.some((s) => controlCharacter.test(s))) return { kind: 'bad-request', reason: controlReason }
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
