import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import type { RecordedLightClientData } from '../../../src/lib/consensus/memoryTransport.ts'

export const FIXTURES = new URL('../../../../shared/fixtures/', import.meta.url).pathname

export function readFixture(path: string): any {
  return JSON.parse(readFileSync(FIXTURES + path, 'utf8'))
}

/** A recorded light-client chain, as Beacon-API JSON envelopes (what memoryTransport serves; tests reach into the updates). */
export type RecordedChain = Omit<RecordedLightClientData, 'updates'> & { updates: any[] }

export type Answer = { status?: number; body?: string | unknown; headers?: Record<string, string> } | 'hang' | 'huge' | 'cut'

export type FakeBeaconApi = { url: string; requests: string[]; close(): Promise<void> }

const SLOTS_PER_PERIOD = 8192

/** The light-client routes of a beacon API, answered from recorded data; `override` changes any answer. */
export async function startFakeBeaconApi({ chain, override }: { chain: RecordedChain; override?: (path: string) => Answer | undefined }): Promise<FakeBeaconApi> {
  const requests: string[] = []
  const sockets = new Set<import('node:net').Socket>()
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/'
    requests.push(path)
    const answer = override?.(path) ?? route(chain, path)
    if (answer === 'hang') return
    if (answer === 'huge') {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = '['.repeat(64 * 1024)
      const write = () => { while (res.write(chunk)) if (res.destroyed) return; res.once('drain', write) }
      write()
      return
    }
    if (answer === 'cut') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' })
      res.write('{"data": {"header": ')
      setTimeout(() => res.destroy(), 20)
      return
    }
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers })
    res.end(body)
  })
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)) })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    }),
  }
}

function route(chain: RecordedChain, path: string): Answer {
  const url = new URL(path, 'http://x')
  const p = url.pathname
  const bootstrap = p.match(/^\/eth\/v1\/beacon\/light_client\/bootstrap\/(0x[0-9a-f]{64})$/)
  if (bootstrap) {
    const found = chain.bootstraps[bootstrap[1]!]
    return found ? { body: found } : { status: 404, body: { code: 404, message: 'bootstrap not available' } }
  }
  if (p === '/eth/v1/beacon/light_client/updates') {
    const start = Number(url.searchParams.get('start_period'))
    const count = Number(url.searchParams.get('count'))
    const body = chain.updates.filter((u) => {
      const period = Math.floor(Number(u.data.signature_slot) / SLOTS_PER_PERIOD)
      return period >= start && period < start + count
    })
    return { body }
  }
  if (p === '/eth/v1/beacon/light_client/finality_update' && chain.finality) return { body: chain.finality }
  if (p === '/eth/v1/beacon/light_client/optimistic_update' && chain.optimistic) return { body: chain.optimistic }
  if (p === '/eth/v1/beacon/headers/finalized' && chain.finalizedRoot) return { body: { data: { root: chain.finalizedRoot, canonical: true } } }
  return { status: 404, body: { code: 404, message: `no route ${p}` } }
}

/** Wraps bare objects (some fixtures lack the envelope) as `{ data }`. */
export function envelope(x: any): any {
  return x && typeof x === 'object' && 'data' in x ? x : { data: x }
}
