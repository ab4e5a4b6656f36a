import type { CID } from 'multiformats/cid'
import { UnixfsFormatError } from './errors.ts'
import { type BlockSource, type UnixfsNode, readUnixfsNode } from './readUnixfsNode.ts'

/**
 * The bytes of a UnixFS file: a raw leaf's bytes, or a node's own data followed by its children's
 * in link order (https://specs.ipfs.tech/unixfs/#dag-pb-file). The result must be exactly the size
 * the file's root states, and each node must have one block size per link (as Helia's exporter
 * requires).
 */
export async function readUnixfsFile({ blocks, cid, path }: { blocks: BlockSource; cid: CID; path: string }): Promise<Uint8Array> {
  const root = await readUnixfsNode({ blocks, cid, path })
  if (root.bytes) return root.bytes
  const fail = (at: UnixfsNode, reason: string) => new UnixfsFormatError({ cid: at.cid.toString(), path, reason })
  const size = root.unixfs.fileSize
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw fail(root, `a file of ${size} bytes`)
  const out = new Uint8Array(Number(size))
  let offset = 0
  const write = (at: UnixfsNode, bytes: Uint8Array) => {
    if (offset + bytes.byteLength > out.byteLength) throw fail(at, `its parts hold more than the ${out.byteLength} bytes the file states`)
    out.set(bytes, offset)
    offset += bytes.byteLength
  }
  const visit = async (node: UnixfsNode): Promise<void> => {
    if (node.bytes) return write(node, node.bytes)
    if (node.unixfs.type !== 'file' && node.unixfs.type !== 'raw') throw fail(node, `a part of the file is a UnixFS ${node.unixfs.type}`)
    if (node.unixfs.data) write(node, node.unixfs.data)
    if (node.pb.Links.length !== node.unixfs.blockSizes.length) throw fail(node, `${node.pb.Links.length} links but ${node.unixfs.blockSizes.length} block sizes`)
    for (const link of node.pb.Links) await visit(await readUnixfsNode({ blocks, cid: link.Hash, path }))
  }
  await visit(root)
  if (offset !== out.byteLength) throw fail(root, `its parts hold ${offset} of the ${out.byteLength} bytes the file states`)
  return out
}
