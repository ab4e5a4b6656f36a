// fetchVerifiedDag over an injected fetch: trustless answers built from a real UnixFS import, then
// tampered, truncated or withheld per gateway.
import { MemoryBlockstore } from 'blockstore-core'
import type { CID } from 'multiformats/cid'
import { beforeAll, describe, expect, it } from 'vitest'
import { AllGatewaysFailedError, BlockHashMismatchError, BlockNotFoundError, GatewayRequestError, MalformedCarError } from '../../../src/lib/ipfs/errors.ts'
import { fetchVerifiedDag } from '../../../src/lib/ipfs/fetchVerifiedDag.ts'
import { importDirectory } from '../../../src/lib/ipfs/importDirectory.node.ts'
import { walkDag } from '../../../scripts/ipfs/walkDag.ts'
import { encodeCar, flip, readCar } from '../../helpers/trustlessGateways.ts'
import { writeFixtureSite } from '../../scripts/ipfs/fixtureSite.ts'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

type Block = { cid: CID; bytes: Uint8Array }
let root: CID
let blocks: Block[]
let car: Uint8Array

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'latchkey-fetch-dag-'))
  try {
    await writeFixtureSite(dir)
    const blockstore = new MemoryBlockstore()
    root = (await importDirectory({ dir, blockstore })).cid
    // Depth-first, as a gateway's CAR has them.
    const all: Block[] = []
    for await (const block of walkDag({ blockstore, root })) all.push(block)
    blocks = all
    car = await encodeCar([root], blocks)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

/** A fake fetch: each gateway origin answers with its handler (CAR body, raw block, or status). */
function gateways(handlers: Record<string, (url: URL) => Response>): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = new URL(String(input))
    const handler = handlers[url.origin]
    if (!handler) throw new TypeError('fetch failed')
    return handler(url)
  }) as typeof fetch
}
const carAnswer = (body: Uint8Array) => new Response(body as BlobPart, { headers: { 'content-type': 'application/vnd.ipld.car' } })
const rawAnswer = (url: URL, tamper?: (cid: string, bytes: Uint8Array) => Uint8Array) => {
  const cid = url.pathname.split('/')[2]
  const block = blocks.find((b) => b.cid.toString() === cid)
  if (!block) return new Response('not found', { status: 404 })
  return new Response((tamper ? tamper(cid, block.bytes) : block.bytes) as BlobPart)
}
const honest = (url: URL) => (url.searchParams.get('format') === 'car' ? carAnswer(car) : rawAnswer(url))

describe('fetchVerifiedDag', () => {
  it('assembles the whole DAG from one CAR, each block verified, in CAR order', async () => {
    const { blocks: got, gateways: reports } = await fetchVerifiedDag({ cid: root, gateways: ['http://a.test'], fetch: gateways({ 'http://a.test': honest }) })
    expect(got).toHaveLength(blocks.length)
    expect(got[0].cid.equals(root)).toBe(true)
    expect(reports).toEqual([{ url: 'http://a.test', blocks: blocks.length, bytes: expect.any(Number), faulty: false, error: undefined }])
  })

  it('a CAR with one flipped block: that gateway is faulty, none of its blocks used, the next one completes', async () => {
    const { roots, blocks: inCar } = await readCar(car)
    const victim = inCar[inCar.length - 1].cid
    const tampered = await encodeCar(roots, inCar.map((b) => (b.cid.equals(victim) ? { cid: b.cid, bytes: flip(b.bytes) } : b)))
    const { gateways: reports } = await fetchVerifiedDag({
      cid: root, gateways: ['http://liar.test', 'http://b.test'],
      fetch: gateways({ 'http://liar.test': (u) => (u.searchParams.get('format') === 'car' ? carAnswer(tampered) : rawAnswer(u)), 'http://b.test': honest }),
    })
    expect(reports[0]).toMatchObject({ url: 'http://liar.test', faulty: true, blocks: 0, error: { name: 'BlockHashMismatchError' } })
    expect(reports[1]).toMatchObject({ url: 'http://b.test', faulty: false, blocks: blocks.length })
  })

  it('a CAR cut short is an outage: the rest comes block by block (?format=raw) from the same gateway', async () => {
    const { gateways: reports } = await fetchVerifiedDag({
      cid: root, gateways: ['http://a.test'],
      fetch: gateways({ 'http://a.test': (u) => (u.searchParams.get('format') === 'car' ? carAnswer(car.subarray(0, Math.floor(car.length / 2))) : rawAnswer(u)) }),
    })
    expect(reports[0]).toMatchObject({ faulty: false, blocks: blocks.length, error: { name: 'GatewayRequestError' } })
  })

  it('a CAR that is not a CAR (garbage header): MalformedCarError, a proven fault', async () => {
    const garbage = new Uint8Array(64).fill(0xff)
    const error = await fetchVerifiedDag({ cid: root, gateways: ['http://a.test'], rawFallback: false, fetch: gateways({ 'http://a.test': () => carAnswer(garbage) }) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AllGatewaysFailedError)
    expect((error as AllGatewaysFailedError).errors[0].error).toBeInstanceOf(MalformedCarError)
  })

  it('a flipped raw block: BlockHashMismatchError naming the block; with nobody else, AllGatewaysFailedError', async () => {
    const victim = blocks.find((b) => !b.cid.equals(root))!.cid.toString()
    const error = await fetchVerifiedDag({
      cid: root, gateways: ['http://liar.test'], mode: 'raw',
      fetch: gateways({ 'http://liar.test': (u) => rawAnswer(u, (cid, bytes) => (cid === victim ? flip(bytes) : bytes)) }),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AllGatewaysFailedError)
    const inner = (error as AllGatewaysFailedError).errors[0].error
    expect(inner).toBeInstanceOf(BlockHashMismatchError)
    expect((inner as BlockHashMismatchError).cid).toBe(victim)
  })

  it('a block nobody has: AllGatewaysFailedError names it, each gateway with BlockNotFoundError; an unreachable one with GatewayRequestError', async () => {
    const victim = blocks.find((b) => !b.cid.equals(root))!.cid.toString()
    const { roots, blocks: inCar } = await readCar(car)
    const holey = await encodeCar(roots, inCar.filter((b) => b.cid.toString() !== victim))
    const error = await fetchVerifiedDag({
      cid: root, gateways: ['http://a.test', 'http://down.test'],
      fetch: gateways({ 'http://a.test': (u) => (u.searchParams.get('format') === 'car' ? carAnswer(holey) : u.pathname.includes(victim) ? new Response('no', { status: 404 }) : rawAnswer(u)) }),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AllGatewaysFailedError)
    expect((error as AllGatewaysFailedError).missing).toBe(victim)
    const [a, down] = (error as AllGatewaysFailedError).errors
    expect(a.error).toBeInstanceOf(BlockNotFoundError)
    expect(down.error).toBeInstanceOf(GatewayRequestError)
  })
})
