import { unixfs } from '@helia/unixfs'
import type { Blockstore } from 'interface-blockstore'
import type { CID } from 'multiformats/cid'

export type UnixfsFileEntry = {
  /** Relative to the root directory, '/'-separated. */
  path: string
  /** The CID of the file's own DAG: two files with the same CID have the same bytes. */
  cid: string
  size: number
}

export type ListUnixfsFilesParameters = {
  /** Holds the whole DAG (nothing is fetched). */
  blockstore: Pick<Blockstore, 'get' | 'put' | 'has'>
  root: CID
}

/** Every file under a UnixFS directory (sharded ones too), sorted by path. */
export async function listUnixfsFiles({ blockstore, root }: ListUnixfsFilesParameters): Promise<UnixfsFileEntry[]> {
  const fs = unixfs({ blockstore })
  const files: UnixfsFileEntry[] = []
  const visit = async (dir: CID, prefix: string) => {
    for await (const entry of fs.ls(dir, { offline: true })) {
      const path = prefix + entry.name
      const stats = await fs.stat(entry.cid, { offline: true })
      if (stats.type === 'directory') await visit(entry.cid, `${path}/`)
      else files.push({ path, cid: entry.cid.toString(), size: Number(stats.size) })
    }
  }
  await visit(root, '')
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
