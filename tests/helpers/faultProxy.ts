import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What the proxy does to an answer. */
export type Fault =
  /** Reset the connection without answering. */
  | { kind: 'drop' }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** Forward after a delay. */
  | { kind: 'delay'; ms: number }
  /** Forward once `until` settles (a test holds a route until it has seen what it waits for). */
  | { kind: 'hold'; until: Promise<unknown> }
  /** Send the first `bytes` bytes of the real answer, then cut the connection. */
  | { kind: 'cut'; bytes: number }
  /** Answer with this status and body instead. */
  | { kind: 'respond'; status: number; body?: string | Uint8Array; contentType?: string; headers?: Record<string, string> }
  /** An endless (or very long) 200 answer of `bytes` bytes. */
  | { kind: 'huge'; bytes: number; contentType?: string }
  /** Forward, but rewrite the answer body. */
  | { kind: 'tamper'; transform: (body: Buffer, ctx: FaultContext) => Buffer | string }

export type FaultContext = { method: string; path: string; requestBody: Buffer; contentType: string; status: number }

export type FaultRule = {
  /** Which requests the rule applies to: a path pattern, or a predicate (JSON-RPC bodies included). */
  match?: RegExp | ((ctx: Omit<FaultContext, 'contentType' | 'status'>) => boolean)
  fault: Fault
  /** Apply to this many matching requests, then retire (default: forever). */
  times?: number
}

export type FaultProxy = {
  url: string
  /** Requests seen, by path (for asserting which endpoint was used). */
  readonly log: { method: string; path: string; fault?: Fault['kind'] }[]
  /** Replace all rules. */
  setRules(rules: FaultRule[]): void
  addRule(rule: FaultRule): void
  clear(): void
  /** Stop answering entirely: every connection is reset, as for a killed server. */
  kill(): void
  revive(): void
  close(): Promise<void>
}

/**
 * An HTTP proxy in front of any endpoint (beacon API, JSON-RPC) that can drop, delay, cut or
 * tamper with answers, so tests meet outages and lying providers in front of real servers.
 */
export async function startFaultProxy(params: { target: string; port?: number }): Promise<FaultProxy> {
  const target = new URL(params.target)
  let rules: (FaultRule & { used: number })[] = []
  let killed = false
  const log: FaultProxy['log'] = []
  const sockets = new Set<Socket>()

  const pick = (ctx: Omit<FaultContext, 'contentType' | 'status'>) => {
    for (const rule of rules) {
      if (rule.times !== undefined && rule.used >= rule.times) continue
      const m = rule.match
      const hit = m === undefined || (m instanceof RegExp ? m.test(ctx.path) : m(ctx))
      if (hit) {
        rule.used++
        return rule.fault
      }
    }
    return undefined
  }

  const forward = (req: IncomingMessage, body: Buffer, onResponse: (res: IncomingMessage) => void, onError: (e: Error) => void, { json = false } = {}) => {
    const headers = { ...req.headers, host: target.host }
    delete headers['accept-encoding']
    // A tamper rule edits JSON: it asks the target for JSON even where the client prefers SSZ.
    if (json) headers.accept = 'application/json'
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      onResponse,
    )
    upstream.on('error', onError)
    upstream.end(body)
    req.on('close', () => {
      if (!req.complete) upstream.destroy()
    })
    return upstream
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const requestBody = Buffer.concat(chunks)
      const path = req.url ?? '/'
      const method = req.method ?? 'GET'
      if (killed) {
        log.push({ method, path, fault: 'drop' })
        return req.socket.destroy()
      }
      const fault = pick({ method, path, requestBody })
      log.push({ method, path, fault: fault?.kind })
      handle(req, res, requestBody, fault)
    })
  })

  function handle(req: IncomingMessage, res: ServerResponse, requestBody: Buffer, fault: Fault | undefined) {
    const fail = (e: Error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`fault proxy: upstream error: ${e.message}`)
    }
    switch (fault?.kind) {
      case 'drop':
        return req.socket.destroy()
      case 'hang':
        return
      case 'respond':
        res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', ...fault.headers })
        return res.end(fault.body ?? '')
      case 'huge': {
        res.writeHead(200, { 'content-type': fault.contentType ?? 'application/json' })
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        let left = fault.bytes
        const pump = () => {
          while (left > 0) {
            const n = Math.min(left, chunk.length)
            left -= n
            if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump)
          }
          res.end()
        }
        res.on('close', () => (left = 0))
        return pump()
      }
      case 'delay': {
        const t = setTimeout(() => handle(req, res, requestBody, undefined), fault.ms)
        res.on('close', () => clearTimeout(t))
        return
      }
      case 'hold': {
        let open = true
        res.on('close', () => (open = false))
        return void fault.until.finally(() => open && handle(req, res, requestBody, undefined))
      }
      case 'cut':
        return void forward(req, requestBody, (up) => {
          const buf: Buffer[] = []
          up.on('data', (c: Buffer) => buf.push(c))
          up.on('end', () => {
            const whole = Buffer.concat(buf)
            res.writeHead(up.statusCode ?? 200, { ...up.headers, 'content-length': String(whole.length) })
            res.write(whole.subarray(0, Math.min(fault.bytes, whole.length)))
            setTimeout(() => req.socket.destroy(), 10)
          })
        }, fail)
      case 'tamper':
        return void forward(req, requestBody, (up) => {
          const buf: Buffer[] = []
          up.on('data', (c: Buffer) => buf.push(c))
          up.on('end', () => {
            const ctx: FaultContext = {
              method: req.method ?? 'GET',
              path: req.url ?? '/',
              requestBody,
              contentType: String(up.headers['content-type'] ?? ''),
              status: up.statusCode ?? 200,
            }
            const out = Buffer.from(fault.transform(Buffer.concat(buf), ctx))
            const headers = { ...up.headers, 'content-length': String(out.length) }
            delete headers['transfer-encoding']
            res.writeHead(up.statusCode ?? 200, headers)
            res.end(out)
          })
        }, fail, { json: true })
      default:
        // Plain pass-through, streamed (event streams included).
        return void forward(req, requestBody, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          up.pipe(res)
          res.on('close', () => up.destroy())
        }, fail)
    }
  }

  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(params.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setRules: (r) => (rules = r.map((x) => ({ ...x, used: 0 }))),
    addRule: (r) => rules.push({ ...r, used: 0 }),
    clear: () => (rules = []),
    kill: () => {
      killed = true
      for (const s of sockets) s.destroy()
    },
    revive: () => (killed = false),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A tamper transform for JSON answers: mutate the parsed body in place. */
export function tamperJson(mutate: (json: any) => void): (body: Buffer) => string {
  return (body) => {
    const json = JSON.parse(body.toString())
    mutate(json)
    return JSON.stringify(json)
  }
}

/** Flips one bit of a 0x-hex string at byte `index` (default: the last byte). */
export function flipHexByte(hex: string, index?: number): string {
  const bytes = Buffer.from(hex.slice(2), 'hex')
  const i = index ?? bytes.length - 1
  bytes[i] ^= 0x01
  return `0x${bytes.toString('hex')}`
}
