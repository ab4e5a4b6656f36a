// The UnixFS reader (listUnixfsFiles, readUnixfsFile, readUnixfsFiles) against Helia's own reader
// (@helia/unixfs, built on ipfs-unixfs-exporter) on DAGs Helia's importer made: the publish
// settings, dag-pb leaves with data in the nodes, deep balanced trees, HAMT-sharded directories;
// then nodes that are not the UnixFS they claim, each refused with UnixfsFormatError.
import * as dagPb from '@ipld/dag-pb'
import { type AddOptions, unixfs } from '@helia/unixfs'
import { exporter } from 'ipfs-unixfs-exporter'
import { MemoryBlockstore } from 'blockstore-core'
import { UnixFS } from 'ipfs-unixfs'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { describe, expect, it } from 'vitest'
import { walkDag } from '../../../scripts/ipfs/walkDag.ts'
import { UnixfsFormatError } from '../../../src/lib/ipfs/errors.ts'
import type { DagBlock } from '../../../src/lib/ipfs/getLinks.ts'
import { listUnixfsFiles } from '../../../src/lib/ipfs/listUnixfsFiles.ts'
import { readUnixfsFiles } from '../../../src/lib/ipfs/readUnixfsFiles.ts'
import { unixfsImportOptions } from '../../../src/lib/ipfs/unixfsImportOptions.ts'

/** Deterministic bytes that differ at every offset (a misplaced part shows). */
const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 0xff)

const tree: Record<string, Uint8Array> = {
  'index.html': new TextEncoder().encode('<!doctype html><title>Latchkey</title>'),
  'empty.txt': new Uint8Array(0),
  'assets/app.js': bytesOf(5000, 1),
  'assets/big.bin': bytesOf(1_100_000, 2),
  'assets/deep/nested/one.txt': bytesOf(1, 3),
}

async function imported(files: Record<string, Uint8Array>, options: Partial<AddOptions>): Promise<{ root: CID; blockstore: MemoryBlockstore; blocks: DagBlock[] }> {
  const blockstore = new MemoryBlockstore()
  let root: CID | undefined
  const source = Object.entries(files).map(([path, content]) => ({ path, content }))
  for await (const entry of unixfs({ blockstore }).addAll(source, { ...options, wrapWithDirectory: true })) if (entry.path === '') root = entry.cid
  const blocks: DagBlock[] = []
  for await (const block of walkDag({ blockstore, root: root! })) blocks.push(block)
  return { root: root!, blockstore, blocks }
}

/** What Helia's own reader (ipfs-unixfs-exporter) says the directory holds. */
async function heliaFiles(blockstore: MemoryBlockstore, root: CID, prefix = ''): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>()
  const dir = await exporter(root, blockstore, { offline: true })
  if (dir.type !== 'directory') throw new Error('not a directory')
  for await (const child of dir.entries({ offline: true })) {
    const path = prefix + child.name
    const entry = await exporter(child.cid, blockstore, { offline: true })
    if (entry.type === 'directory') for (const [p, b] of await heliaFiles(blockstore, entry.cid, `${path}/`)) out.set(p, b)
    else if (entry.type === 'object') throw new Error(`${path} is not UnixFS`)
    else {
      const parts: Uint8Array[] = []
      for await (const part of entry.content({ offline: true })) parts.push(part)
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
      let offset = 0
      for (const part of parts) (bytes.set(part, offset), (offset += part.byteLength))
      out.set(path, bytes)
    }
  }
  return out
}

const layouts: [string, Partial<AddOptions>][] = [
  ['the publish settings (raw leaves, 1 MiB chunks)', unixfsImportOptions],
  ['dag-pb leaves, 1 kB chunks, 4 links a node (a deep tree)', { cidVersion: 0, rawLeaves: false, chunker: fixedSize({ chunkSize: 1024 }), layout: balanced({ maxChildrenPerNode: 4 }) }],
  ['HAMT-sharded directories at every level', { ...unixfsImportOptions, shardSplitThresholdBytes: 1, shardFanoutBits: 4 }],
]

describe('readUnixfsFiles', () => {
  for (const [what, options] of layouts) {
    it(`reads what Helia's reader reads: ${what}`, async () => {
      const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`many/file-${i}.txt`, bytesOf(i * 3, i)]))
      const { root, blockstore, blocks } = await imported({ ...tree, ...many }, options)
      if (options.shardSplitThresholdBytes === 1) {
        // The case is what it says: a HAMT root, and buckets that are sub-shards (a name of the bucket's hex digit only).
        const pb = dagPb.decode(blocks.find((b) => b.cid.equals(root))!.bytes)
        expect(UnixFS.unmarshal(pb.Data!).type).toBe('hamt-sharded-directory')
        expect(blocks.some((b) => b.cid.code === dagPb.code && dagPb.decode(b.bytes).Links.some((l) => l.Name?.length === 1))).toBe(true)
      }
      const files = await readUnixfsFiles({ root, blocks })
      expect([...files.keys()].sort()).toEqual(Object.keys({ ...tree, ...many }).sort())
      const helia = await heliaFiles(blockstore, root)
      expect([...helia.keys()].sort()).toEqual([...files.keys()].sort())
      // Buffer.equals: vitest's deep equality walks a megabyte element by element.
      for (const [path, bytes] of Object.entries({ ...tree, ...many })) {
        expect(Buffer.from(files.get(path)!).equals(bytes), path).toBe(true)
        expect(Buffer.from(helia.get(path)!).equals(bytes), `${path} (Helia's reader)`).toBe(true)
      }
      const listed = await listUnixfsFiles({ blockstore, root })
      expect(listed.map((f) => [f.path, f.size])).toEqual(Object.entries({ ...tree, ...many }).map(([p, b]) => [p, b.byteLength]).sort(([a], [b]) => (a! < b! ? -1 : 1)))
    })
  }
})

/** A dag-pb block (CIDv1, sha2-256) from a UnixFS message and links. */
async function pbBlock(unixfsData: UnixFS | undefined, links: { name?: string; cid: CID; size?: number }[] = []): Promise<DagBlock> {
  const bytes = dagPb.encode(dagPb.prepare({ Data: unixfsData?.marshal(), Links: links.map((l) => ({ Hash: l.cid, Name: l.name, Tsize: l.size ?? 0 })) }))
  return { cid: CID.createV1(dagPb.code, await sha256.digest(bytes)), bytes }
}
async function rawBlock(bytes: Uint8Array): Promise<DagBlock> {
  return { cid: CID.createV1(raw.code, await sha256.digest(bytes)), bytes }
}
/** A root directory holding one entry `name` -> block, plus that block and what it links to. */
async function dirWith(name: string, entry: DagBlock, more: DagBlock[] = []) {
  const root = await pbBlock(new UnixFS({ type: 'directory' }), [{ name, cid: entry.cid }])
  return { root: root.cid, blocks: [root, entry, ...more] }
}

describe('readUnixfsFiles refuses what is not the UnixFS it claims', () => {
  const cases: [string, () => Promise<{ root: CID; blocks: DagBlock[] }>, RegExp][] = [
    ['a root that is a file', async () => {
      const leaf = await rawBlock(bytesOf(10, 1))
      return { root: leaf.cid, blocks: [leaf] }
    }, /not a UnixFS directory/],
    ['a file whose parts hold fewer bytes than it states', async () => {
      const leaf = await rawBlock(bytesOf(5, 1))
      return dirWith('a.bin', await pbBlock(new UnixFS({ type: 'file', blockSizes: [10n] }), [{ cid: leaf.cid }]), [leaf])
    }, /holds? 5 of the 10 bytes|parts hold 5 of the 10/],
    ['a file whose parts hold more bytes than it states', async () => {
      const leaf = await rawBlock(bytesOf(12, 1))
      return dirWith('a.bin', await pbBlock(new UnixFS({ type: 'file', blockSizes: [10n] }), [{ cid: leaf.cid }]), [leaf])
    }, /more than the 10 bytes/],
    ['a file node with more links than block sizes', async () => {
      const leaf = await rawBlock(bytesOf(5, 1))
      return dirWith('a.bin', await pbBlock(new UnixFS({ type: 'file', blockSizes: [5n] }), [{ cid: leaf.cid }, { cid: leaf.cid }]), [leaf])
    }, /2 links but 1 block sizes/],
    ['a symlink', async () => dirWith('link', await pbBlock(new UnixFS({ type: 'symlink', data: new TextEncoder().encode('/etc/passwd') }))), /UnixFS symlink, not a file/],
    ['a directory link without a name', async () => {
      const leaf = await rawBlock(bytesOf(3, 1))
      const root = await pbBlock(new UnixFS({ type: 'directory' }), [{ cid: leaf.cid }])
      return { root: root.cid, blocks: [root, leaf] }
    }, /has no name/],
    ['a dag-pb node without UnixFS data', async () => dirWith('x', await pbBlock(undefined)), /no UnixFS data/],
    ['a HAMT bucket linking to a plain directory', async () => {
      const sub = await pbBlock(new UnixFS({ type: 'directory' }))
      const root = await pbBlock(new UnixFS({ type: 'hamt-sharded-directory', fanout: 16n, hashType: 0x22n }), [{ name: 'A', cid: sub.cid }])
      return { root: root.cid, blocks: [root, sub] }
    }, /not a shard/],
  ]
  for (const [what, make, reason] of cases) {
    it(`refuses ${what} with UnixfsFormatError`, async () => {
      const { root, blocks } = await make()
      const error = await readUnixfsFiles({ root, blocks }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UnixfsFormatError)
      expect((error as UnixfsFormatError).reason).toMatch(reason)
    })
  }
})
