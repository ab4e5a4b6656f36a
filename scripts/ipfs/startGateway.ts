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
import { parseRange } from './parseRange.ts'
import { parseCid } from '../../src/lib/ipfs/parseCid.ts'
import { readContentSecurityPolicy } from './readContentSecurityPolicy.ts'
import { resolveGatewayRequest } from './resolveGatewayRequest.ts'
import { serveTrustless } from './serveTrustless.ts'

export type StartGatewayParameters = {
  helia: Helia
  /** Default 0: a free port chosen by the OS. `npm run serve` uses 8080. */
  port?: number
  /** Default 127.0.0.1: the gateway is for this machine only. */
  host?: string
  /** Redirect /ipfs/<cid>/ directory requests to http://<cid>.ipfs.localhost:<port>/ as Kubo does. Default true. */
  redirectToSubdomain?: boolean
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
  close(): Promise<void>
}

const immutable = 'public, max-age=29030400, immutable'
// What ipfs-unixfs-exporter and @helia/unixfs throw for a name that is not in the DAG.
const notFoundErrors = new Set(['NotFoundError', 'DoesNotExistError', 'NotADirectoryError'])

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
  appCid,
  log,
}: StartGatewayParameters): Promise<StartGatewayReturnType> {
  const fs = unixfs(helia)
  const app = appCid === undefined ? undefined : typeof appCid === 'string' ? parseCid(appCid) : appCid
  const appPolicy = app ? await readContentSecurityPolicy({ fs, cid: app }) : undefined

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
    if (request.kind === 'unsupported') return text(res, 501, `${request.reason}\n`)

    const { cid, segments, form } = request
    const url = new URL(req.url ?? '/', 'http://gateway.invalid')
    const options = { offline: true as const, signal }
    res.setHeader('X-Ipfs-Path', `/ipfs/${cid}/${segments.join('/')}`)

    if (request.format) return serveTrustless({ helia, fs, request, req, res, options })

    const stat = await fs.stat(cid, { ...options, path: segments.join('/') })
    if (stat.type === 'directory') {
      if (form === 'path' && redirectToSubdomain) {
        const target = getSubdomainUrl({ gatewayOrigin: `http://${hostHeader}`, namespace: 'ipfs', label: cid.toV1().toString() })
        return redirect(res, `${target}${segments.map(encodeURIComponent).join('/')}${segments.length ? '/' : ''}${url.search}`)
      }
      if (!request.trailingSlash) return redirect(res, `${url.pathname}/${url.search}`)
      const index = await fs.stat(stat.cid, { ...options, path: 'index.html' }).catch((error: Error) => {
        if (notFoundErrors.has(error.name)) return undefined
        throw error
      })
      if (!index) return listDirectory(res, req, stat.cid, url.pathname)
      return serveFile(req, res, cid, index.cid, Number(index.size), 'index.html', signal)
    }
    return serveFile(req, res, cid, stat.cid, Number(stat.size), segments.at(-1) ?? '', signal)
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, root: CID, cid: CID, size: number, name: string, signal: AbortSignal) {
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
    // Headers are only sent with the first chunk, so a missing block before it still yields a clean error status.
    for await (const chunk of fs.cat(cid, { offset: start, length, offline: true, signal })) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r))
    }
    res.end()
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
    res.on('close', () => controller.abort())
    handle(req, res, controller.signal)
      .catch((error: Error) => {
        const status = notFoundErrors.has(error.name) ? 404 : error.name === 'BlockNotFoundWhileOfflineError' ? 502 : 500
        log?.(`${req.method} ${req.headers.host}${req.url} -> ${status} ${error.name}: ${error.message}`)
        if (res.headersSent) return res.destroy(error)
        res.removeHeader('Content-Type')
        res.removeHeader('Cache-Control')
        res.removeHeader('ETag')
        res.removeHeader('Content-Length')
        res.removeHeader('Content-Range')
        const message = status === 404 ? 'Not found in this DAG' : status === 502 ? 'A block of this content is not in the local blockstore' : 'Gateway error'
        text(res, status, `${message}: ${error.message}\n`)
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function text(res: ServerResponse, status: number, body: string, headOnly = false) {
  res.statusCode = status
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.end(headOnly ? undefined : body)
}

function redirect(res: ServerResponse, location: string) {
  res.statusCode = 301
  res.setHeader('Location', location)
  res.end()
}

function end(res: ServerResponse, status: number) {
  res.statusCode = status
  res.end()
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
