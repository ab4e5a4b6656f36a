import type { CID } from 'multiformats/cid'

/** What a path under a root resolved to: immutable, since both are content-addressed. */
export type GatewayEntry =
  | { kind: 'file'; cid: CID; size: number }
  | { kind: 'directory'; cid: CID; index: { cid: CID; size: number } | undefined }

export type CreateGatewayCacheParameters = {
  /** Bytes of file contents kept in memory, in total. */
  maxBytes: number
  /** Larger files are streamed from the blockstore every time. */
  maxFileBytes: number
  /** Resolved paths kept (each is a few hundred bytes). */
  maxEntries?: number
}
export type GatewayCache = {
  entry(key: string): GatewayEntry | undefined
  setEntry(key: string, entry: GatewayEntry): void
  bytes(cid: CID): Uint8Array | undefined
  /** Keeps the bytes if they fit; returns whether they were kept. */
  setBytes(cid: CID, bytes: Uint8Array): boolean
  readonly stats: { entries: number; bytes: number; hits: number; misses: number }
}

/** Least recently used first: a Map iterates in insertion order, and a hit re-inserts. */
function touch<V>(map: Map<string, V>, key: string): V | undefined {
  const value = map.get(key)
  if (value !== undefined) {
    map.delete(key)
    map.set(key, value)
  }
  return value
}

/**
 * The gateway's memory of published content: resolved paths and small files' bytes, both bounded
 * (least recently used go first). Nothing here can go stale: a CID names its bytes forever.
 */
export function createGatewayCache({ maxBytes, maxFileBytes, maxEntries = 10_000 }: CreateGatewayCacheParameters): GatewayCache {
  const entries = new Map<string, GatewayEntry>()
  const files = new Map<string, Uint8Array>()
  const stats = { entries: 0, bytes: 0, hits: 0, misses: 0 }
  return {
    stats,
    entry(key) {
      const found = touch(entries, key)
      if (found) stats.hits++
      else stats.misses++
      return found
    },
    setEntry(key, entry) {
      entries.delete(key)
      entries.set(key, entry)
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
      stats.entries = entries.size
    },
    bytes: (cid) => touch(files, cid.toString()),
    setBytes(cid, bytes) {
      if (bytes.byteLength > maxFileBytes || bytes.byteLength > maxBytes) return false
      const key = cid.toString()
      const previous = files.get(key)
      if (previous) {
        files.delete(key)
        stats.bytes -= previous.byteLength
      }
      files.set(key, bytes)
      stats.bytes += bytes.byteLength
      for (const [oldest, value] of files) {
        if (stats.bytes <= maxBytes) break
        files.delete(oldest)
        stats.bytes -= value.byteLength
      }
      return true
    },
  }
}
