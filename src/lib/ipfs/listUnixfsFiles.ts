import type { Blockstore } from 'interface-blockstore'
import { exporter } from 'ipfs-unixfs-exporter'
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
  blockstore: Pick<Blockstore, 'get'>
  root: CID
}

/**
 * Every file under a UnixFS directory (sharded ones too), sorted by path. Read with Helia's own
 * UnixFS exporter (what @helia/unixfs reads with), not @helia/unixfs itself: that one brings its
 * importer and queues along, 30 kB gzip in the service worker, to read a directory we never write.
 */
export async function listUnixfsFiles({ blockstore, root }: ListUnixfsFilesParameters): Promise<UnixfsFileEntry[]> {
  const files: UnixfsFileEntry[] = []
  const visit = async (dir: CID, prefix: string) => {
    const entry = await exporter(dir, blockstore, { offline: true })
    if (entry.type !== 'directory') throw new TypeError(`${prefix || dir.toString()} is not a UnixFS directory`)
    for await (const child of entry.entries({ offline: true })) {
      const path = prefix + child.name
      const node = await exporter(child.cid, blockstore, { offline: true })
      if (node.type === 'directory') await visit(child.cid, `${path}/`)
      else if (node.type === 'object') throw new TypeError(`${path} is not UnixFS (a ${child.cid.code.toString(16)} codec node)`)
      else files.push({ path, cid: child.cid.toString(), size: Number(node.size) })
    }
  }
  await visit(root, '')
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
