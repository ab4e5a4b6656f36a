// Trustless gateways for tests: proxies in front of a real Helia gateway that lie, drop blocks
// or refuse CARs, built from its real answers.
import { createServer, request } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CarReader, CarWriter } from '@ipld/car'
import type { CID } from 'multiformats/cid'
import { httpGet } from '../scripts/ipfs/httpGet.ts'

export type Answer = { status: number; body: Uint8Array; type: string }
export type Block = { cid: CID; bytes: Uint8Array }

/** An HTTP server answering every request with `respond(path)`; returns its origin. */
export async function fakeGateway(servers: Server[], respond: (path: string) => Promise<Answer>): Promise<string> {
  const server = createServer((req, res) => {
    respond(req.url ?? '/').then(
      ({ status, body, type }) => {
        res.writeHead(status, { 'content-type': type, 'content-length': body.byteLength })
        res.end(body)
      },
      (error: unknown) => {
        res.writeHead(500)
        res.end(String(error))
      },
    )
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Passes a request through to the real gateway on `port`. */
export async function forward(port: number, path: string): Promise<Answer> {
  const res = await httpGet({ port, path })
  return { status: res.status, body: res.body, type: String(res.headers['content-type'] ?? 'application/octet-stream') }
}

export async function readCar(bytes: Uint8Array): Promise<{ roots: CID[]; blocks: Block[] }> {
  const reader = await CarReader.fromBytes(bytes)
  const blocks: Block[] = []
  for await (const b of reader.blocks()) blocks.push(b)
  return { roots: await reader.getRoots(), blocks }
}

export async function encodeCar(roots: CID[], blocks: Block[]): Promise<Uint8Array> {
  const { writer, out } = CarWriter.create(roots)
  const parts: Uint8Array[] = []
  const collecting = (async () => {
    for await (const p of out) parts.push(p)
  })()
  for (const b of blocks) await writer.put(b)
  await writer.close()
  await collecting
  return Buffer.concat(parts)
}

/** A copy with one bit of the byte at `at` flipped. */
export function flip(bytes: Uint8Array, at = 0): Uint8Array {
  const copy = new Uint8Array(bytes)
  copy[at] ^= 0x01
  return copy
}

export type TamperingGatewayParameters = {
  /** The real gateway on loopback that answers (Host headers pass through, so subdomains work too). */
  port: number
  /** Rewrites a whole answer body (a file, a raw block or a CAR) before it goes out. */
  tamper: (body: Buffer, path: string) => Buffer
  /** Answers instead of the real gateway, before it is asked (e.g. 501 for trustless formats). */
  refuse?: (path: string) => { status: number; body: string } | undefined
  /** Request headers to drop (e.g. if-none-match, so a changed file gets no 304). */
  dropHeaders?: (path: string) => string[]
}

/** A gateway in front of a real one that changes what passes through it; returns its port. */
export async function startTamperingGateway(servers: Server[], { port, tamper, refuse, dropHeaders }: TamperingGatewayParameters): Promise<number> {
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    const refusal = refuse?.(path)
    if (refusal) {
      res.writeHead(refusal.status, { 'content-type': 'text/plain' })
      return res.end(refusal.body)
    }
    const headers = { ...req.headers }
    for (const name of dropHeaders?.(path) ?? []) delete headers[name]
    const upstream = request({ host: '127.0.0.1', port, path, method: req.method, headers }, (up) => {
      const parts: Buffer[] = []
      up.on('data', (d: Buffer) => parts.push(d))
      up.on('end', () => {
        const body = tamper(Buffer.concat(parts), path)
        res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(body.length) })
        res.end(body)
      })
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return (server.address() as AddressInfo).port
}
