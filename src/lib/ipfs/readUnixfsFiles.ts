import type { CID } from 'multiformats/cid'
import { BlockNotFoundError } from './errors.ts'
import type { DagBlock } from './getLinks.ts'
import { listUnixfsFiles } from './listUnixfsFiles.ts'
import type { BlockSource } from './readUnixfsNode.ts'
import { readUnixfsFile } from './readUnixfsFile.ts'

/** Every file of a UnixFS directory whose blocks (already verified) are all in `blocks`, by path. */
export async function readUnixfsFiles({ root, blocks }: { root: CID; blocks: DagBlock[] }): Promise<Map<string, Uint8Array>> {
  const held = new Map(blocks.map((b) => [b.cid.toString(), b]))
  const source: BlockSource = {
    *get(cid) {
      const block = held.get(cid.toString())
      if (!block) throw new BlockNotFoundError({ cid: cid.toString(), source: 'the verified blocks' })
      yield block.bytes
    },
  }
  const files = new Map<string, Uint8Array>()
  for (const { path, cid } of await listUnixfsFiles({ blockstore: source, root }))
    files.set(path, await readUnixfsFile({ blocks: source, cid: held.get(cid)!.cid, path }))
  return files
}
