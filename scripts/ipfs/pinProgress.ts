import type { CID } from 'multiformats/cid'

export type PinProgress = {
  /** Blocks verified so far. */
  blocks: number
  /** Bytes of verified blocks so far. */
  bytes: number
  /** Bytes expected in all, when the source says (a CAR's Content-Length). */
  totalBytes?: number
  cid: CID
}

/** One line of progress for a terminal: a bar when the total is known, counts always. */
export function formatProgress({ blocks, bytes, totalBytes }: PinProgress): string {
  const size = `${blocks} blocks, ${formatBytes(bytes)}`
  if (!totalBytes) return size
  const ratio = Math.min(1, bytes / totalBytes)
  const width = 24
  const filled = Math.round(ratio * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${size} of ${formatBytes(totalBytes)}`
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(1)} MiB`
}
