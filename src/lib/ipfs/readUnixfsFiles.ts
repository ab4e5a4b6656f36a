import { MemoryBlockstore } from 'blockstore-core'
import { exporter } from 'ipfs-unixfs-exporter'
import { CID } from 'multiformats/cid'
import type { DagBlock } from './getLinks.ts'
import { listUnixfsFiles } from './listUnixfsFiles.ts'

/** Every file of a UnixFS directory whose blocks (already verified) are all in `blocks`, by path. */
export async function readUnixfsFiles({ root, blocks }: { root: CID; blocks: DagBlock[] }): Promise<Map<string, Uint8Array>> {
  const blockstore = new MemoryBlockstore()
  for (const block of blocks) await blockstore.put(block.cid, block.bytes)
  const files = new Map<string, Uint8Array>()
  for (const { path, cid, size } of await listUnixfsFiles({ blockstore, root })) {
    const entry = await exporter(CID.parse(cid), blockstore, { offline: true })
    if (entry.type !== 'file' && entry.type !== 'raw' && entry.type !== 'identity') throw new TypeError(`${path} is not a UnixFS file`)
    const bytes = new Uint8Array(size)
    let offset = 0
    for await (const part of entry.content({ offline: true })) {
      bytes.set(part, offset)
      offset += part.byteLength
    }
    files.set(path, bytes)
  }
  return files
}
