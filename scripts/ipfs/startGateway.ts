import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { unixfs } from '@helia/unixfs'
import type { Helia } from 'helia'
import type { CID } from 'multiformats/cid'
import { getGatewayUrls } from '../../src/lib/ipfs/getGatewayUrls.ts'
import type { GetGatewayUrlsReturnType } from '../../src/lib/ipfs/getGatewayUrls.ts'
import { getSubdomainUrl } from '../../src/lib/ipfs/getSubdomainUrl.ts'
import { contentTypeFor } from './contentTypeFor.ts'
import { type GatewayCache, createGatewayCache } from './createGatewayCache.ts'
import { parseRange } from './parseRange.ts'
import { parseCid } from '../../src/lib/ipfs/parseCid.ts'
import { readContentSecurityPolicy } from './readContentSecurityPolicy.ts'
import { end, escapeHtml, redirect, sendGatewayError, text } from './gatewayResponses.ts'
import { resolveGatewayEntry } from './resolveGatewayEntry.ts'
import { resolveGatewayRequest } from './resolveGatewayRequest.ts'
import { serveTrustless } from './serveTrustless.ts'
import { subdomainOriginFor } from './subdomainOriginFor.ts'

export type StartGatewayParameters = {
  helia: Helia
  /** Default 0: a free port chosen by the OS. `npm run serve` uses 8080. */
  port?: number
  /** Default 127.0.0.1: the gateway is for this machine only. */
  host?: string
  /**
   * Redirect /ipfs/<cid>/ directory requests to http://<cid>.ipfs.localhost:<port>/ as Kubo does,
   * when the request's Host is a loopback name or in subdomainHosts; other hosts are served in
   * place. Default true.
   */
  redirectToSubdomain?: boolean
  /**
   * Host names (or origins, which also give the scheme: `https://gateway.example.org`) this
   * gateway is reachable under with subdomains (`<cid>.ipfs.<host>`), beyond localhost,
   * 127.0.0.1 and [::1]. A Host header not listed is never put into a Location.
   */
  subdomainHosts?: readonly string[]
  /**
   * Keep the published app's and pinned content's files in memory (resolved paths and the bytes
   * of small files), so repeated requests do not walk the blockstore. Default 64 MiB in total,
   * files up to 4 MiB; false turns it off.
   */
  memoryCache?: { maxBytes?: number; maxFileBytes?: number } | false
  /**
   * The published app: HTML under this CID gets the Content-Security-Policy of
   * the app's own index.html meta tag as a header too, plus frame-ancestors 'none'
   * (which a meta tag cannot carry).
   */
  appCid?: CID | string
  log?: (line: string) => void
}

export type StartGatewayReturnType = {
  /** http://127.0.0.1:<port> */
  url: string
  port: number
  /** Path and subdomain URLs of a CID on this gateway. */
  urlsFor(cid: CID | string): GetGatewayUrlsReturnType
  /** The memory cache's counters (undefined when it is off). */
  cacheStats: GatewayCache['stats'] | undefined
  close(): Promise<void>
}

const immutable = 'public, max-age=29030400, immutable'
const MiB = 1024 * 1024

/**
 * An HTTP gateway over the node's local blockstore (never the network): UnixFS
 * at /ipfs/<cid>/... and at <cid>.ipfs.localhost, plus trustless responses
 * (?format=car / ?format=raw). https://specs.ipfs.tech/http-gateways/
 */
export async function startGateway({
  helia,
  port = 0,
  host = '127.0.0.1',
  redirectToSubdomain = true,
  subdomainHosts = [],
  memoryCache = {},
  appCid,
  log,
}: StartGatewayParameters): Promise<StartGatewayReturnType> {
  const fs = unixfs(helia)
  const app = appCid === undefined ? undefined : typeof appCid === 'string' ? parseCid(appCid) : appCid
  const appPolicy = app ? await readContentSecurityPolicy({ fs, cid: app }) : undefined
  const maxFileBytes = memoryCache === false ? 0 : (memoryCache.maxFileBytes ?? 4 * MiB)
  const cache = memoryCache === false ? undefined : createGatewayCache({ maxBytes: memoryCache.maxBytes ?? 64 * MiB, maxFileBytes })
  // Roots known to be the app or pinned (true only: a later pin is seen on the next request).
  const published = new Set<string>(app ? [app.toV1().toString()] : [])

  /** Only what the operator published or pinned is kept in memory: arbitrary requests cannot churn it. */
  async function isCached(root: CID): Promise<boolean> {
    if (!cache) return false
    const key = root.toV1().toString()
    if (published.has(key)) return true
    if (!(await helia.pins.isPinned(root))) return false
    if (published.size < 1000) published.add(key)
    return true
  }

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal) {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return text(res, 405, 'Only GET and HEAD are supported.\n')
    }
    const hostHeader = req.headers.host ?? `${host}:${port}`
    const request = resolveGatewayRequest({ host: hostHeader, url: req.url ?? '/', accept: req.headers.accept })
    if (request.kind === 'not-content') return text(res, 404, 'Not found. Content is served at /ipfs/<cid>/ and at http://<cid>.ipfs.localhost:<port>/\n')
    if (request.kind === 'invalid-cid') return text(res, 400, `Invalid CID: ${request.input}\n`)
    if (request.kind === 'bad-request') return text(res, 400, `${request.reason}\n`)
    if (request.kind === 'unsupported') return text(res, 501, `${request.reason}\n`)

    const { cid, segments, form } = request
    const url = new URL(req.url ?? '/', 'http://gateway.invalid')
    const options = { offline: true as const, signal }
    // Encoded: a header carries Latin-1 only, and a name may hold any Unicode.
    res.setHeader('X-Ipfs-Path', `/ipfs/${cid}/${segments.map(encodeURIComponent).join('/')}`)

    const notHeld = () => text(res, 404, `Not held here: ${cid} is not in this gateway's blockstore (it serves only what was published or pinned on this node, and fetches nothing from peers).\n`)
    if (request.format) return (await helia.blockstore.has(cid, options)) ? serveTrustless({ helia, fs, request, req, res, options }) : notHeld()
    const cached = await isCached(cid)
    const key = `${cid.toV1()}/${segments.join('/')}`
    let entry = cached ? cache!.entry(key) : undefined
    if (!entry) {
      // This gateway serves its own blockstore only: a root it lacks is simply not here.
      if (!(await helia.blockstore.has(cid, options))) return notHeld()
      entry = await resolveGatewayEntry({ fs, root: cid, segments, options })
      if (cached) cache!.setEntry(key, entry)
    }

    if (entry.kind === 'directory') {
      const origin = form === 'path' && redirectToSubdomain ? subdomainOriginFor({ host: hostHeader, configured: subdomainHosts }) : undefined
      if (origin) {
        const target = getSubdomainUrl({ gatewayOrigin: origin, namespace: 'ipfs', label: cid.toV1().toString() })
        return redirect(res, `${target}${segments.map(encodeURIComponent).join('/')}${segments.length ? '/' : ''}${url.search}`)
      }
      if (!request.trailingSlash) return redirect(res, `${url.pathname}/${url.search}`)
      if (!entry.index) return listDirectory(res, req, entry.cid, url.pathname)
      return serveFile(req, res, cid, entry.index.cid, entry.index.size, 'index.html', cached, signal)
    }
    return serveFile(req, res, cid, entry.cid, entry.size, segments.at(-1) ?? '', cached, signal)
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, root: CID, cid: CID, size: number, name: string, cached: boolean, signal: AbortSignal) {
    const type = contentTypeFor(name)
    const etag = `"${cid}"`
    res.setHeader('Content-Type', type)
    res.setHeader('Cache-Control', immutable)
    res.setHeader('ETag', etag)
    res.setHeader('Accept-Ranges', 'bytes')
    if (type.startsWith('text/html')) setHtmlHeaders(res, root)
    if (req.headers['if-none-match'] === etag) return end(res, 304)
    const range = parseRange({ header: req.headers.range, size })
    if (range.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${size}`)
      return text(res, 416, 'Range not satisfiable\n')
    }
    const [start, end_] = range.kind === 'range' ? [range.start, range.end] : [0, size - 1]
    const length = size === 0 ? 0 : end_ - start + 1
    res.setHeader('Content-Length', length)
    if (range.kind === 'range') res.setHeader('Content-Range', `bytes ${start}-${end_}/${size}`)
    res.statusCode = range.kind === 'range' ? 206 : 200
    if (req.method === 'HEAD' || length === 0) return void res.end()
    let bytes = cached ? cache!.bytes(cid) : undefined
    if (!bytes && cached && size <= maxFileBytes) {
      bytes = await readFile(cid, size, signal)
      cache!.setBytes(cid, bytes)
    }
    if (bytes) return void res.end(bytes.subarray(start, start + length))
    // Headers are only sent with the first chunk, so a missing block before it still yields a clean error status.
    for await (const chunk of fs.cat(cid, { offset: start, length, offline: true, signal })) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r))
    }
    res.end()
  }

  async function readFile(cid: CID, size: number, signal: AbortSignal): Promise<Uint8Array> {
    const bytes = new Uint8Array(size)
    let offset = 0
    for await (const chunk of fs.cat(cid, { offline: true, signal })) {
      if (offset + chunk.byteLength > size) throw new Error(`${cid} holds more than the ${size} bytes its DAG declares`)
      bytes.set(chunk, offset)
      offset += chunk.byteLength
    }
    if (offset !== size) throw new Error(`${cid} holds ${offset} bytes, its DAG declares ${size}`)
    return bytes
  }

  async function listDirectory(res: ServerResponse, req: IncomingMessage, cid: CID, pathname: string) {
    const rows: string[] = []
    for await (const entry of fs.ls(cid, { offline: true })) {
      rows.push(`<li><a href="./${encodeURIComponent(entry.name)}">${escapeHtml(entry.name)}</a></li>`)
    }
    const html = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(pathname)}</title><h1>Index of ${escapeHtml(pathname)}</h1><ul>${rows.join('')}</ul>\n`
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.setHeader('Cache-Control', immutable)
    res.setHeader('ETag', `"DirIndex-${cid}"`)
    return text(res, 200, html, req.method === 'HEAD')
  }

  function setHtmlHeaders(res: ServerResponse, root: CID) {
    if (appPolicy && app && root.toV1().equals(app.toV1())) res.setHeader('Content-Security-Policy', appPolicy)
    res.setHeader('Referrer-Policy', 'no-referrer')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  }

  const server = createServer((req, res) => {
    const controller = new AbortController()
    // Only a client that went away mid-response aborts (an abort builds a DOMException: not free per request).
    res.on('close', () => { if (!res.writableFinished) controller.abort() })
    handle(req, res, controller.signal)
      .catch((error: Error) => {
        const status = sendGatewayError({ res, error })
        log?.(`${req.method} ${req.headers.host}${req.url} -> ${status} ${error.name}: ${error.message}`)
      })
      .finally(() => log?.(`${req.method} ${req.headers.host}${req.url} ${res.statusCode}`))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const bound = (server.address() as AddressInfo).port
  const url = `http://${host}:${bound}`
  return {
    url,
    port: bound,
    urlsFor: (cid) => getGatewayUrls({ cid, gatewayOrigin: url }),
    cacheStats: cache?.stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
