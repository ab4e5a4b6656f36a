import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ForkPostCapella } from '@lodestar/params'
import { ssz, sszTypesFor } from '@lodestar/types'
import { type BeaconChain, type DevnetBlock, type Versioned, epochAtSlot } from './beaconChain.ts'
import { toHex } from './chainConfig.ts'

const MAX_UPDATES_PER_REQUEST = 128
const SSZ = 'application/octet-stream'

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Content negotiation with q-values, as real beacon nodes do it; JSON unless SSZ is preferred. */
export function preferredMediaType(accept: string | undefined): string {
  let best = { type: 'application/json', q: -1 }
  for (const entry of (accept ?? '').split(',')) {
    const [type, ...params] = entry.trim().split(';').map((x) => x.trim())
    const qParam = params.find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!(q > 0)) continue
    const known = type === SSZ || type === 'application/json' ? type : type === '*/*' ? 'application/json' : undefined
    if (known && q > best.q) best = { type: known, q }
  }
  return best.type
}

type Reply = { version?: ForkPostCapella; json?: unknown; ssz?: Uint8Array; finalized?: boolean }

/**
 * The standard Beacon-API routes a light client uses, in JSON and SSZ, with the
 * Eth-Consensus-Version header and the error codes real beacon nodes give.
 */
export async function startBeaconApiServer(params: { chain: BeaconChain; port?: number; host?: string }) {
  const { chain } = params
  const sse = new Set<{ res: ServerResponse; topics: Set<string> }>()

  const publish = (topic: string, payload: Versioned<unknown>, toJson: (v: unknown) => unknown) => {
    const line = `event: ${topic}\ndata: ${JSON.stringify({ version: payload.version, data: toJson(payload.data) })}\n\n`
    for (const client of sse) if (client.topics.has(topic)) client.res.write(line)
  }
  const onOptimistic = (u: Versioned<unknown>) =>
    publish('light_client_optimistic_update', u, (d) => sszTypesFor(u.version).LightClientOptimisticUpdate.toJson(d as never))
  const onFinality = (u: Versioned<unknown>) =>
    publish('light_client_finality_update', u, (d) => sszTypesFor(u.version).LightClientFinalityUpdate.toJson(d as never))
  const onBlock = (b: DevnetBlock) =>
    publish('head', { version: b.fork, data: b }, () => ({ slot: String(b.slot), block: toHex(b.root), state: toHex(b.header.stateRoot), epoch_transition: b.slot % 32 === 0, execution_optimistic: false }))
  chain.on('optimistic_update', onOptimistic)
  chain.on('finality_update', onFinality)
  chain.on('block', onBlock)

  const resolveBlock = (id: string): DevnetBlock => {
    let block: DevnetBlock | undefined
    if (id === 'head') block = chain.head
    else if (id === 'genesis') block = chain.blocks[0]
    else if (id === 'finalized') block = chain.head?.finalizedBlock
    else if (/^0x[0-9a-fA-F]{64}$/.test(id)) block = chain.blockByRoot(id)
    else if (/^\d+$/.test(id)) block = chain.blockAtSlot(Number(id))
    else throw new ApiError(400, `Invalid block id '${id}'`)
    if (!block) throw new ApiError(404, `No block found for id '${id}'`)
    return block
  }
  const isFinalized = (b: DevnetBlock) => (chain.head?.finalizedBlock?.slot ?? -1) >= b.slot

  const routes: [RegExp, (m: RegExpMatchArray, url: URL, req: IncomingMessage, res: ServerResponse) => Reply | undefined][] = [
    [/^\/eth\/v1\/beacon\/genesis$/, () => ({
      json: { data: { genesis_time: String(chain.chain.genesisTime), genesis_validators_root: toHex(chain.chain.genesisValidatorsRoot), genesis_fork_version: toHex(chain.chain.chainConfig.GENESIS_FORK_VERSION) } },
    })],
    [/^\/eth\/v1\/config\/spec$/, () => ({ json: { data: chain.chain.specJson } })],
    [/^\/eth\/v1\/node\/version$/, () => ({ json: { data: { version: 'Latchkey-devnet/0.1.0' } } })],
    [/^\/eth\/v1\/node\/syncing$/, () => ({
      json: { data: { head_slot: String(chain.head?.slot ?? 0), sync_distance: '0', is_syncing: false, is_optimistic: false, el_offline: false } },
    })],
    [/^\/eth\/v1\/beacon\/headers\/([^/]+)$/, (m) => {
      const b = resolveBlock(m[1])
      return {
        finalized: isFinalized(b),
        json: { data: { root: toHex(b.root), canonical: true, header: { message: ssz.phase0.BeaconBlockHeader.toJson(b.header), signature: toHex(b.signedBlock.signature) } } },
      }
    }],
    [/^\/eth\/v2\/beacon\/blocks\/([^/]+)$/, (m) => {
      const b = resolveBlock(m[1])
      const type = sszTypesFor(b.fork).SignedBeaconBlock
      return { version: b.fork, finalized: isFinalized(b), json: { data: type.toJson(b.signedBlock as never) }, ssz: type.serialize(b.signedBlock as never) }
    }],
    [/^\/eth\/v1\/beacon\/blocks\/([^/]+)\/root$/, (m) => ({ json: { data: { root: toHex(resolveBlock(m[1]).root) } } })],
    [/^\/eth\/v1\/beacon\/states\/([^/]+)\/finality_checkpoints$/, (m) => {
      if (m[1] !== 'head' && m[1] !== 'finalized') resolveBlock(m[1])
      const head = chain.head
      if (!head) throw new ApiError(404, 'No head yet')
      const fin = ssz.phase0.Checkpoint.toJson(head.finalizedCheckpoint)
      const justified = { epoch: String(Math.max(0, epochAtSlot(head.slot) - 1)), root: toHex(chain.blockAtOrBefore(Math.max(0, epochAtSlot(head.slot) - 1) * 32)?.root ?? new Uint8Array(32)) }
      return { json: { data: { previous_justified: justified, current_justified: justified, finalized: fin } } }
    }],
    [/^\/eth\/v1\/beacon\/light_client\/bootstrap\/([^/]+)$/, (m) => {
      if (!/^0x[0-9a-fA-F]{64}$/.test(m[1])) throw new ApiError(400, `Invalid block root '${m[1]}'`)
      const block = chain.blockByRoot(m[1])
      if (!block) throw new ApiError(404, `LC bootstrap unavailable for block root ${m[1]}`)
      const { version, data } = chain.bootstrap(block)
      const type = sszTypesFor(version).LightClientBootstrap
      return { version, json: { version, data: type.toJson(data as never) }, ssz: type.serialize(data as never) }
    }],
    [/^\/eth\/v1\/beacon\/light_client\/updates$/, (_m, url) => {
      const start = url.searchParams.get('start_period')
      const count = url.searchParams.get('count')
      if (start === null || !/^\d+$/.test(start)) throw new ApiError(400, 'Invalid or missing start_period')
      if (count === null || !/^\d+$/.test(count)) throw new ApiError(400, 'Invalid or missing count')
      const updates = chain.updates(Number(start), Math.min(Number(count), MAX_UPDATES_PER_REQUEST))
      const chunks: Uint8Array[] = []
      for (const u of updates) {
        const bytes = sszTypesFor(u.version).LightClientUpdate.serialize(u.data as never)
        const digest = chain.beaconConfig.forkBoundary2ForkDigest(chain.beaconConfig.getForkBoundaryAtEpoch(epochAtSlot(u.data.attestedHeader.beacon.slot)))
        chunks.push(ssz.UintNum64.serialize(4 + bytes.length), digest, bytes)
      }
      return {
        version: updates[0]?.version,
        json: updates.map((u) => ({ version: u.version, data: sszTypesFor(u.version).LightClientUpdate.toJson(u.data as never) })),
        ssz: Buffer.concat(chunks),
      }
    }],
    [/^\/eth\/v1\/beacon\/light_client\/finality_update$/, () => {
      const u = chain.finalityUpdate
      if (!u) throw new ApiError(404, 'No LightClientFinalityUpdate available')
      const type = sszTypesFor(u.version).LightClientFinalityUpdate
      return { version: u.version, json: { version: u.version, data: type.toJson(u.data as never) }, ssz: type.serialize(u.data as never) }
    }],
    [/^\/eth\/v1\/beacon\/light_client\/optimistic_update$/, () => {
      const u = chain.optimisticUpdate
      if (!u) throw new ApiError(404, 'No LightClientOptimisticUpdate available')
      const type = sszTypesFor(u.version).LightClientOptimisticUpdate
      return { version: u.version, json: { version: u.version, data: type.toJson(u.data as never) }, ssz: type.serialize(u.data as never) }
    }],
    [/^\/eth\/v1\/events$/, (_m, url, req, res) => {
      const topics = new Set((url.searchParams.get('topics') ?? '').split(',').filter(Boolean))
      const known = ['light_client_finality_update', 'light_client_optimistic_update', 'head']
      const unknown = [...topics].filter((t) => !known.includes(t))
      if (topics.size === 0 || unknown.length) throw new ApiError(400, `Invalid topics: ${unknown.join(',') || '(none)'}`)
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'access-control-allow-origin': '*' })
      res.write(': latchkey devnet event stream\n\n')
      const client = { res, topics }
      sse.add(client)
      req.on('close', () => sse.delete(client))
      return undefined
    }],
  ]

  const server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*')
    res.setHeader('access-control-expose-headers', 'eth-consensus-version')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, OPTIONS' })
      return res.end()
    }
    const url = new URL(req.url ?? '/', 'http://localhost')
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new ApiError(405, `Method ${req.method} not allowed`)
      const route = routes.find(([re]) => re.test(url.pathname))
      if (!route) throw new ApiError(404, `Route ${url.pathname} not found`)
      const reply = route[1](url.pathname.match(route[0])!, url, req, res)
      if (!reply) return // streaming
      const headers: Record<string, string> = {}
      if (reply.version) headers['eth-consensus-version'] = reply.version
      const wantsSsz = reply.ssz !== undefined && preferredMediaType(req.headers.accept) === SSZ
      if (wantsSsz) {
        res.writeHead(200, { ...headers, 'content-type': SSZ })
        return res.end(Buffer.from(reply.ssz!))
      }
      let body = reply.json
      if (reply.version && body && typeof body === 'object' && !Array.isArray(body) && !('version' in body)) body = { version: reply.version, ...body }
      if (reply.finalized !== undefined && body && typeof body === 'object' && !Array.isArray(body)) body = { execution_optimistic: false, finalized: reply.finalized, ...body }
      res.writeHead(200, { ...headers, 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 500
      const message = e instanceof Error ? e.message : String(e)
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: status, message }))
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(params.port ?? 0, params.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        chain.off('optimistic_update', onOptimistic)
        chain.off('finality_update', onFinality)
        chain.off('block', onBlock)
        for (const c of sse) c.res.end()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
