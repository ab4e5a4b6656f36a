// `latchkey verify-app` against a real Helia gateway and lying proxies in front of it.
import type { Server } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CID } from 'multiformats/cid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../../scripts/ipfs/createNode.ts'
import type { CreateNodeReturnType } from '../../scripts/ipfs/createNode.ts'
import { publishDist } from '../../scripts/ipfs/publishDist.ts'
import { startGateway } from '../../scripts/ipfs/startGateway.ts'
import type { StartGatewayReturnType } from '../../scripts/ipfs/startGateway.ts'
import { writeFixtureSite } from '../scripts/ipfs/fixtureSite.ts'
import { httpGet } from '../scripts/ipfs/httpGet.ts'
import { encodeCar, fakeGateway, flip, forward, readCar } from '../helpers/trustlessGateways.ts'
import { verifyApp } from './verifyAppCli.ts'

let tmp: string
let node: CreateNodeReturnType
let gateway: StartGatewayReturnType
let cid: CID
let car: Uint8Array
let victim: CID // the block of assets/app.js
const servers: Server[] = []

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latchkey-verify-app-'))
  await writeFixtureSite(join(tmp, 'site'))
  node = await createNode({ repo: join(tmp, 'repo') })
  ;({ cid } = await publishDist({ dir: join(tmp, 'site'), node, carPath: join(tmp, 'app.car') }))
  gateway = await startGateway({ helia: node.helia })
  car = (await httpGet({ port: gateway.port, path: `/ipfs/${cid}?format=car` })).body
  const leaf = await httpGet({ port: gateway.port, path: `/ipfs/${cid}/assets/app.js?format=raw` })
  victim = CID.parse((leaf.headers['x-ipfs-roots'] as string).split(',').at(-1) as string)
})

afterAll(async () => {
  for (const s of servers) s.close()
  await gateway?.close()
  await node?.stop()
  await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

/** A gateway that serves the real CAR with app.js's bytes flipped (a tampered file). */
async function fileFlipper(): Promise<string> {
  const { roots, blocks } = await readCar(car)
  const tampered = await encodeCar(roots, blocks.map((b) => (b.cid.equals(victim) ? { cid: b.cid, bytes: flip(b.bytes, 3) } : b)))
  return fakeGateway(servers, async (path) => (path.includes('format=car') ? { status: 200, body: tampered, type: 'application/vnd.ipld.car' } : forward(gateway.port, path)))
}

describe('latchkey verify-app', () => {
  it('verifies a copy from an honest gateway: exit 0, every block checked, the gateway named', async () => {
    const { code, stdout, stderr } = await verifyApp(cid.toString(), '--gateway', gateway.url)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain(`${cid}: verified, every block checked against the CID (12 blocks`)
    expect(stdout).toContain('6 files')
    expect(stdout).toContain(`${gateway.url}: 12 blocks`)
  })

  it('block by block (--raw, ?format=raw) with --json', async () => {
    const { code, stdout } = await verifyApp(cid.toString(), '--gateway', `${gateway.url}/`, '--raw', '--json')
    expect(code).toBe(0)
    const json = JSON.parse(stdout)
    expect(json).toMatchObject({ verified: true, cid: cid.toString(), blocks: 12, files: 6 })
    expect(json.gateways).toEqual([expect.objectContaining({ url: gateway.url, blocks: 12, faulty: false })])
  })

  it('a gateway flipping one byte of a file (app.js inside the CAR): exit 3 naming it and the block', async () => {
    const liar = await fileFlipper()
    const { code, stderr } = await verifyApp(cid.toString(), '--gateway', liar)
    expect(code).toBe(3)
    expect(stderr).toMatch(/^latchkey: AllGatewaysFailedError: No honest gateway delivered all of /)
    expect(stderr).toContain(`caught serving wrong data: ${liar}`)
    expect(stderr).toContain(`${liar}: BlockHashMismatchError: Block ${victim}`)
  })

  it('a gateway flipping one byte of a raw block (no CAR, ?format=raw): exit 3 naming it', async () => {
    const liar = await fakeGateway(servers, async (path) => {
      if (path.includes('format=car')) return { status: 501, body: new TextEncoder().encode('no CARs here'), type: 'text/plain' }
      const real = await forward(gateway.port, path)
      return path.includes(victim.toString()) ? { ...real, body: flip(real.body) } : real
    })
    const { code, stderr } = await verifyApp(cid.toString(), '--gateway', liar)
    expect(code).toBe(3)
    expect(stderr).toContain(`${liar}: BlockHashMismatchError: Block ${victim}`)
  })

  it('a gateway flipping one byte of the CAR stream (inside a block, or in the header\'s root): exit 3 naming it', async () => {
    const mid = await fakeGateway(servers, async (path) => ({ status: 200, body: flip(car, Math.floor(car.length / 2)), type: 'application/vnd.ipld.car' }))
    const inBlock = await verifyApp(cid.toString(), '--gateway', mid)
    expect(inBlock.code).toBe(3)
    expect(inBlock.stderr).toContain(`${mid}: BlockHashMismatchError`)

    // The root CID in the CAR header: its last digest byte.
    const rootEnd = Buffer.from(car).indexOf(Buffer.from(cid.bytes)) + cid.bytes.length - 1
    const header = await fakeGateway(servers, async () => ({ status: 200, body: flip(car, rootEnd), type: 'application/vnd.ipld.car' }))
    const inHeader = await verifyApp(cid.toString(), '--gateway', header)
    expect(inHeader.code).toBe(3)
    expect(inHeader.stderr).toContain(`${header}: CarRootMismatchError`)
  })

  it('with a liar and an honest gateway, the honest one completes the copy (exit 0) and the liar is reported', async () => {
    const liar = await fileFlipper()
    const { code, stdout } = await verifyApp(cid.toString(), '--gateway', liar, '--gateway', gateway.url)
    expect(code).toBe(0)
    expect(stdout).toContain(`${liar}: caught serving wrong data, its blocks were refused: BlockHashMismatchError`)
    expect(stdout).toContain(`${gateway.url}: 12 blocks`)
  })

  it('a block no gateway has (the CAR without it, 404 as a raw block): exit 4 naming the block', async () => {
    const { roots, blocks } = await readCar(car)
    const truncated = await encodeCar(roots, blocks.filter((b) => !b.cid.equals(victim)))
    const holey = await fakeGateway(servers, async (path) => {
      if (path.includes('format=car')) return { status: 200, body: truncated, type: 'application/vnd.ipld.car' }
      if (path.includes(victim.toString())) return { status: 404, body: new TextEncoder().encode('not found'), type: 'text/plain' }
      return forward(gateway.port, path)
    })
    const { code, stderr } = await verifyApp(cid.toString(), '--gateway', holey)
    expect(code).toBe(4)
    expect(stderr).toContain(`No gateway delivered all of ${cid} (block ${victim} is missing)`)
    expect(stderr).toContain(`${holey}: BlockNotFoundError: Block ${victim}`)
  })

  it('no gateway answering: exit 4', async () => {
    const closed = await fakeGateway(servers, async () => ({ status: 200, body: new Uint8Array(), type: 'text/plain' }))
    const server = servers.pop() as Server
    await new Promise((r) => server.close(r))
    const { code, stderr } = await verifyApp(cid.toString(), '--gateway', closed, '--timeout', '5000')
    expect(code).toBe(4)
    expect(stderr).toContain(`${closed}: GatewayRequestError`)
  })

  it.each([
    [[], /verify-app needs the CID/],
    [[`${'b'}notacid`, '--gateway', 'http://x'], /is not a CID/],
    [['bafkqaaa'], /needs at least one --gateway URL/],
    [['bafkqaaa', '--gateway', 'ftp://x'], /is not an http\(s\) URL/],
    [['bafkqaaa', '--gateway', 'http://x', '--source', '.'], /--source only makes sense with --build/],
  ])('usage error %j: exit 2', async (args, message) => {
    const { code, stderr } = await verifyApp(...args)
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
  })
})
