import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { type IncomingMessage, type ServerResponse, request as httpRequest } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Agent, buildConnector, fetch as undiciFetch } from 'undici'

/** A self-signed certificate for these host names, made now with Debian's openssl (nothing is shipped). */
export async function createTestCertificate({ hosts }: { hosts: string[] }): Promise<{ cert: string; key: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'latchkey-cert-'))
  try {
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=Latchkey test', '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ])
    return { cert: await readFile(join(dir, 'cert.pem'), 'utf8'), key: await readFile(join(dir, 'key.pem'), 'utf8') }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** One public URL (host and path, as the app knows it) served by a local plain-HTTP server. */
export type HostRoute = { url: string; target: string }

export type TlsHostRouter = {
  port: number
  hosts: string[]
  /** For Chromium: `--host-resolver-rules=…`, one MAP per host, all to this server. */
  chromiumArg: string
  /** Node's fetch, but the mapped host names reach this server (TLS checked against the test certificate); other hosts fail. */
  fetch: typeof globalThis.fetch
  /** Requests seen: which public URL (route) they were for, and the path under it. */
  readonly log: { route: string; method: string; path: string }[]
  close(): Promise<void>
}

/**
 * An HTTPS server that answers for public host names: each request is matched by its Host header
 * and path to a route's URL (a path segment such as `/eth` must be there) and forwarded, below
 * that path, to the route's target. Anything else is a 404 naming what was asked, so an app that
 * drops a URL's path or calls an unmapped host is caught.
 */
export async function startTlsHostRouter({ routes }: { routes: HostRoute[] }): Promise<TlsHostRouter> {
  const parsed = routes.map((r) => ({ ...r, public: new URL(r.url), target: new URL(r.target) }))
  const hosts = [...new Set(parsed.map((r) => r.public.hostname))]
  const { cert, key } = await createTestCertificate({ hosts })
  const log: TlsHostRouter['log'] = []
  const sockets = new Set<Socket>()

  const server = createServer({ cert, key }, (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '')
    const url = new URL(req.url ?? '/', `https://${host}`)
    const base = (p: string) => p.replace(/\/+$/, '')
    const route = parsed
      .filter((r) => r.public.hostname === host && (url.pathname === base(r.public.pathname) || url.pathname.startsWith(`${base(r.public.pathname)}/`)))
      .sort((a, b) => b.public.pathname.length - a.public.pathname.length)[0]
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' })
      return void res.end(`no route for https://${host}${url.pathname}`)
    }
    const below = url.pathname.slice(base(route.public.pathname).length) || '/'
    log.push({ route: route.url, method: req.method ?? 'GET', path: below + url.search })
    const headers = { ...req.headers, host: route.target.host }
    const upstream = httpRequest({ hostname: route.target.hostname, port: route.target.port, path: below + url.search, method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
    })
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`upstream error: ${e.message}`)
    })
    req.pipe(upstream)
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  // What Chromium's host-resolver rules do, for Node: connect to 127.0.0.1:port, keep the name for TLS (SNI and the certificate check).
  const connect = buildConnector({ ca: cert })
  const dispatcher = new Agent({
    connect: (options, callback) => {
      if (!hosts.includes(options.hostname)) return callback(new Error(`${options.hostname} is not mapped in this test (no internet)`), null)
      connect({ ...options, hostname: '127.0.0.1', port: String(port), servername: options.hostname }, callback)
    },
  })
  const fetch = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof globalThis.fetch

  return {
    port,
    hosts,
    chromiumArg: `--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(',')}`,
    fetch,
    log,
    async close() {
      await dispatcher.close().catch(() => undefined)
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
