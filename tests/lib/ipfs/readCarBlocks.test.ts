// readCarBlocks against @ipld/car (the reference reader) on CARs @ipld/car's writer made from a
// Helia import, whole and in uneven pieces, and on a CARv2 around one; then CARs it refuses.
import { CarBlockIterator } from '@ipld/car/iterator'
import { CarWriter } from '@ipld/car/writer'
import { unixfs } from '@helia/unixfs'
import { MemoryBlockstore } from 'blockstore-core'
import { CID } from 'multiformats/cid'
import { describe, expect, it } from 'vitest'
import { walkDag } from '../../../scripts/ipfs/walkDag.ts'
import { carEndedEarly, readCarBlocks } from '../../../src/lib/ipfs/readCarBlocks.ts'
import { unixfsImportOptions } from '../../../src/lib/ipfs/unixfsImportOptions.ts'

async function carOf(roots: CID[], blocks: { cid: CID; bytes: Uint8Array }[]): Promise<Uint8Array> {
  const { writer, out } = CarWriter.create(roots)
  const parts: Uint8Array[] = []
  const collected = (async () => { for await (const part of out) parts.push(part) })()
  for (const block of blocks) await writer.put(block)
  await writer.close()
  await collected
  return Uint8Array.from(parts.flatMap((p) => [...p]))
}

async function published() {
  const blockstore = new MemoryBlockstore()
  const files = [
    { path: 'index.html', content: new TextEncoder().encode('<!doctype html>') },
    { path: 'assets/app.js', content: Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) & 255) },
  ]
  let root: CID | undefined
  for await (const entry of unixfs({ blockstore }).addAll(files, unixfsImportOptions)) if (entry.path === '') root = entry.cid
  const blocks: { cid: CID; bytes: Uint8Array }[] = []
  for await (const block of walkDag({ blockstore, root: root! })) blocks.push({ cid: block.cid, bytes: block.bytes })
  return { root: root!, blocks }
}

/** The bytes in pieces of `size` (a network delivers a CAR in arbitrary chunks). */
async function* inPieces(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function ours(bytes: Uint8Array, piece = bytes.length || 1) {
  const car = await readCarBlocks(inPieces(bytes, piece))
  const blocks: string[] = []
  for await (const block of car.blocks) blocks.push(`${block.cid} ${Buffer.from(block.bytes).toString('hex')}`)
  return { roots: car.roots.map(String), blocks }
}

async function reference(bytes: Uint8Array) {
  const car = await CarBlockIterator.fromBytes(bytes)
  const blocks: string[] = []
  for await (const block of car) blocks.push(`${block.cid} ${Buffer.from(block.bytes).toString('hex')}`)
  return { roots: (await car.getRoots()).map(String), blocks }
}

/** A CARv2 around `v1` (https://ipld.io/specs/transport/car/carv2/): pragma, header, padding, the CARv1, an index region. */
function carV2(v1: Uint8Array, padding = 3): Uint8Array {
  const pragma = Uint8Array.from([0x0a, 0xa1, 0x67, ...new TextEncoder().encode('version'), 0x02])
  const header = new Uint8Array(40)
  const view = new DataView(header.buffer)
  const offset = pragma.length + 40 + padding
  view.setBigUint64(16, BigInt(offset), true)
  view.setBigUint64(24, BigInt(v1.length), true)
  view.setBigUint64(32, BigInt(offset + v1.length), true)
  return Uint8Array.from([...pragma, ...header, ...new Uint8Array(padding), ...v1, 0x01, 0x02, 0x03])
}

describe('readCarBlocks', () => {
  it('reads the roots and blocks @ipld/car reads, however the stream is cut', async () => {
    const { root, blocks } = await published()
    expect(blocks.length).toBeGreaterThan(2)
    const car = await carOf([root], blocks)
    const expected = await reference(car)
    expect(expected.roots).toEqual([root.toString()])
    for (const piece of [car.length, 1, 7, 100, 65_536]) expect(await ours(car, piece), `pieces of ${piece}`).toEqual(expected)
  })

  it('reads several roots, no blocks, and CIDv0 blocks and roots', async () => {
    const { root, blocks } = await published()
    const v0 = CID.createV0(blocks.find((b) => b.cid.code === 0x70)!.cid.multihash as Parameters<typeof CID.createV0>[0])
    const car = await carOf([root, v0], [{ cid: v0, bytes: blocks.find((b) => b.cid.code === 0x70)!.bytes }])
    expect(await ours(car, 5)).toEqual(await reference(car))
    const empty = await carOf([root], [])
    expect(await ours(empty)).toEqual(await reference(empty))
  })

  it('reads a CARv2 as @ipld/car does: the inner CARv1 only, not the index after it', async () => {
    const { root, blocks } = await published()
    const v2 = carV2(await carOf([root], blocks))
    const expected = await reference(v2)
    expect(expected.blocks).toHaveLength(blocks.length)
    expect(await ours(v2, 9)).toEqual(expected)
  })

  it('ends with "Unexpected end of data" (an outage for fetchCarBlocks) wherever the stream stops', async () => {
    const { root, blocks } = await published()
    const car = await carOf([root], blocks.slice(0, 3))
    for (const cut of [0, 1, 5, 40, car.length - 1]) await expect(ours(car.subarray(0, cut), 3), `cut at ${cut}`).rejects.toThrow(carEndedEarly)
  })

  const { root: someRoot } = { root: CID.parse('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy') }
  const header = (entries: number[]) => Uint8Array.from([entries.length, ...entries])
  const rootBytes = [...someRoot.bytes]
  const refused: [string, Uint8Array, RegExp][] = [
    ['a header that is not a map', header([0x80]), /not a map/],
    ['version 3', header([0xa2, 0x65, ...new TextEncoder().encode('roots'), 0x80, 0x67, ...new TextEncoder().encode('version'), 0x03]), /Invalid CAR version: 3/],
    ['an unknown header key', header([0xa1, 0x63, ...new TextEncoder().encode('foo'), 0x01]), /unknown key "foo"/],
    ['a CARv1 without roots', header([0xa1, 0x67, ...new TextEncoder().encode('version'), 0x01]), /without roots/],
    ['a root that is not tagged 42', header([0xa2, 0x65, ...new TextEncoder().encode('roots'), 0x81, 0x58, rootBytes.length + 1, 0x00, ...rootBytes, 0x67, ...new TextEncoder().encode('version'), 0x01]), /not a CID/],
    ['a zero-length section', Uint8Array.from([...header([0xa2, 0x65, ...new TextEncoder().encode('roots'), 0x80, 0x67, ...new TextEncoder().encode('version'), 0x01]), 0x00]), /zero length/],
    ['a section whose CID is version 2', Uint8Array.from([...header([0xa2, 0x65, ...new TextEncoder().encode('roots'), 0x80, 0x67, ...new TextEncoder().encode('version'), 0x01]), 0x03, 0x02, 0x55, 0x00]), /CID version \(2\)/],
  ]
  it.each(refused)('refuses %s, as @ipld/car does', async (_, bytes, message) => {
    await expect(ours(bytes)).rejects.toThrow(message)
    await expect(reference(bytes)).rejects.toThrow()
  })
})
