import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CarReader } from '@ipld/car'
import { CID } from 'multiformats/cid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../../../scripts/ipfs/createNode.ts'
import type { CreateNodeReturnType } from '../../../scripts/ipfs/createNode.ts'
import { BlockHashMismatchError, BlockNotFoundError } from '../../../src/lib/ipfs/errors.ts'
import { PeerDialError } from '../../../scripts/ipfs/errors.ts'
import { pinFromGateway } from '../../../scripts/ipfs/pinFromGateway.ts'
import { pinFromPeer } from '../../../scripts/ipfs/pinFromPeer.ts'
import type { PinProgress } from '../../../scripts/ipfs/pinProgress.ts'
import { publishDist } from '../../../scripts/ipfs/publishDist.ts'
import { startGateway } from '../../../scripts/ipfs/startGateway.ts'
import type { StartGatewayReturnType } from '../../../scripts/ipfs/startGateway.ts'
import { writeFixtureSite } from './fixtureSite.ts'
import { encodeCar, flip } from '../../helpers/trustlessGateways.ts'
import { httpGet } from './httpGet.ts'

let tmp: string
let site: string
let cid: CID
let a: CreateNodeReturnType
let gatewayA: StartGatewayReturnType
let victim: { cid: CID; bytes: Uint8Array } // the block of assets/app.js
const nodes: CreateNodeReturnType[] = []
const servers: Server[] = []

async function newNode(name: string) {
  const node = await createNode({ repo: join(tmp, name) })
  nodes.push(node)
  return node
}

/** A gateway that answers with `respond`, for tampered or truncated responses. */
async function fakeGateway(respond: (path: string) => Promise<{ status: number; body: Uint8Array; type: string }>) {
  const server = createServer((req, res) => {
    respond(req.url ?? '/').then(({ status, body, type }) => {
      res.writeHead(status, { 'content-type': type, 'content-length': body.byteLength })
      res.end(body)
    })
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function realCar(): Promise<{ roots: CID[]; blocks: { cid: CID; bytes: Uint8Array }[] }> {
  const res = await httpGet({ port: gatewayA.port, path: `/ipfs/${cid}?format=car` })
  const reader = await CarReader.fromBytes(res.body)
  const blocks = []
  for await (const b of reader.blocks()) blocks.push(b)
  return { roots: await reader.getRoots(), blocks }
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-pin-'))
  site = join(tmp, 'site')
  await writeFixtureSite(site)
  a = await newNode('a')
  ;({ cid } = await publishDist({ dir: site, node: a, carPath: join(tmp, 'a.car') }))
  gatewayA = await startGateway({ helia: a.helia })
  const leaf = await httpGet({ port: gatewayA.port, path: `/ipfs/${cid}/assets/app.js?format=raw` })
  victim = { cid: CID.parse((leaf.headers['x-ipfs-roots'] as string).split(',').at(-1) as string), bytes: leaf.body }
})

afterAll(async () => {
  await gatewayA?.close()
  for (const s of servers) s.close()
  for (const n of nodes) await n.stop()
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

describe('pinFromPeer (libp2p, loopback)', () => {
  it('B pins the DAG from A by CID, and B’s gateway serves byte-identical files', async () => {
    const b = await newNode('b')
    const progress: PinProgress[] = []
    const result = await pinFromPeer({ helia: b.helia, cid, peer: a.multiaddrs()[0].toString(), onProgress: (p) => progress.push(p) })
    expect(result.blocks).toBe(12)
    expect(progress.at(-1)?.blocks).toBe(12)
    expect(await b.helia.pins.isPinned(cid)).toBe(true)

    // Served from B alone: A is disconnected first.
    await b.helia.libp2p.hangUp(a.helia.libp2p.peerId)
    const gatewayB = await startGateway({ helia: b.helia })
    try {
      const host = `${cid}.ipfs.localhost:${gatewayB.port}`
      for (const name of ['index.html', 'assets/app.js', 'assets/bls.wasm', 'assets/nested/data.json']) {
        const res = await httpGet({ port: gatewayB.port, path: `/${name}`, host })
        expect(res.status, name).toBe(200)
        expect(res.body.equals(await readFile(join(site, name))), name).toBe(true)
      }
    } finally {
      await gatewayB.close()
    }
  })

  it('refuses a block that A holds corrupted on disk: BlockNotFoundError for that CID, nothing pinned', async () => {
    const a2 = await newNode('a2')
    await publishDist({ dir: site, node: a2, carPath: join(tmp, 'a2.car') })
    // Bit rot in A2's flat-file blockstore: find the file holding the block and flip a byte.
    const blocksDir = join(tmp, 'a2', 'blocks')
    let corrupted = false
    for (const entry of await readdir(blocksDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const path = join(entry.parentPath, entry.name)
      if (Buffer.from(await readFile(path)).equals(Buffer.from(victim.bytes))) {
        await writeFile(path, flip(victim.bytes))
        corrupted = true
      }
    }
    expect(corrupted).toBe(true)

    const c = await newNode('c')
    const error = await pinFromPeer({ helia: c.helia, cid, peer: a2.multiaddrs()[0].toString(), blockTimeoutMs: 2_000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BlockNotFoundError)
    expect((error as BlockNotFoundError).cid).toBe(victim.cid.toString())
    expect(await c.helia.pins.isPinned(cid)).toBe(false)
    expect(await c.helia.blockstore.has(victim.cid)).toBe(false)
  })

  it('reports an unreachable peer as PeerDialError', async () => {
    const d = await newNode('d')
    const dead = a.multiaddrs()[0].toString().replace(/\/tcp\/\d+\//, '/tcp/1/')
    await expect(pinFromPeer({ helia: d.helia, cid, peer: dead, blockTimeoutMs: 2_000 })).rejects.toBeInstanceOf(PeerDialError)
  })
})

describe('pinFromGateway (trustless HTTP)', () => {
  for (const mode of ['car', 'raw'] as const) {
    it(`pins the whole DAG from a gateway (${mode}), every block verified`, async () => {
      const node = await newNode(`gw-${mode}`)
      const result = await pinFromGateway({ helia: node.helia, cid, gateway: gatewayA.url, mode })
      expect(result.blocks).toBe(12)
      expect(await node.helia.pins.isPinned(cid)).toBe(true)
    })
  }

  it('rejects a CAR with one tampered block (BlockHashMismatchError), storing and pinning nothing', async () => {
    const { roots, blocks } = await realCar()
    const tampered = await encodeCar(roots, blocks.map((b) => (b.cid.equals(victim.cid) ? { cid: b.cid, bytes: flip(b.bytes) } : b)))
    const url = await fakeGateway(async () => ({ status: 200, body: tampered, type: 'application/vnd.ipld.car' }))
    const node = await newNode('tampered-car')
    const error = await pinFromGateway({ helia: node.helia, cid, gateway: url }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BlockHashMismatchError)
    expect((error as BlockHashMismatchError).cid).toBe(victim.cid.toString())
    expect(await node.helia.pins.isPinned(cid)).toBe(false)
    expect(await node.helia.blockstore.has(cid)).toBe(false)
  })

  it('rejects a tampered raw block (BlockHashMismatchError)', async () => {
    const url = await fakeGateway(async (path) => {
      const real = await httpGet({ port: gatewayA.port, path })
      const body = path.includes(victim.cid.toString()) ? flip(real.body) : real.body
      return { status: real.status, body, type: 'application/vnd.ipld.raw' }
    })
    const node = await newNode('tampered-raw')
    const error = await pinFromGateway({ helia: node.helia, cid, gateway: url, mode: 'raw' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BlockHashMismatchError)
    expect((error as BlockHashMismatchError).cid).toBe(victim.cid.toString())
    expect(await node.helia.pins.isPinned(cid)).toBe(false)
  })

  it('rejects a CAR missing a block (BlockNotFoundError), pinning nothing', async () => {
    const { roots, blocks } = await realCar()
    const truncated = await encodeCar(roots, blocks.filter((b) => !b.cid.equals(victim.cid)))
    const url = await fakeGateway(async () => ({ status: 200, body: truncated, type: 'application/vnd.ipld.car' }))
    const node = await newNode('truncated-car')
    const error = await pinFromGateway({ helia: node.helia, cid, gateway: url }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BlockNotFoundError)
    expect((error as BlockNotFoundError).cid).toBe(victim.cid.toString())
    expect(await node.helia.pins.isPinned(cid)).toBe(false)
  })
})
