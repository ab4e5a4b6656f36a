import type { UnixFS } from '@helia/unixfs'
import type { CID } from 'multiformats/cid'
import type { GatewayEntry } from './createGatewayCache.ts'

export type ResolveGatewayEntryParameters = {
  fs: UnixFS
  root: CID
  /** Decoded path segments under the root. */
  segments: string[]
  options: { offline: true; signal: AbortSignal }
}
export type ResolveGatewayEntryReturnType = GatewayEntry

// What ipfs-unixfs-exporter and @helia/unixfs throw for a name that is not in the DAG.
export const notFoundErrors = new Set(['NotFoundError', 'DoesNotExistError', 'NotADirectoryError'])

/** Walks the DAG from the root to the path's end; a directory also gets its index.html, if any. */
export async function resolveGatewayEntry({ fs, root, segments, options }: ResolveGatewayEntryParameters): Promise<ResolveGatewayEntryReturnType> {
  const stat = await fs.stat(root, { ...options, path: segments.join('/') })
  if (stat.type !== 'directory') return { kind: 'file', cid: stat.cid, size: Number(stat.size) }
  const index = await fs.stat(stat.cid, { ...options, path: 'index.html' }).catch((error: Error) => {
    if (notFoundErrors.has(error.name)) return undefined
    throw error
  })
  return { kind: 'directory', cid: stat.cid, index: index && { cid: index.cid, size: Number(index.size) } }
}
