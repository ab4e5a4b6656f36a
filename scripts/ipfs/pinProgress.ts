import { formatBytes } from '../../src/lib/formatBytes.ts'
import type { DagProgress } from '../../src/lib/ipfs/fetchVerifiedDag.ts'

export type PinProgress = DagProgress

/** One line of progress for a terminal: a bar when the total is known, counts always. */
export function formatProgress({ blocks, bytes, totalBytes }: PinProgress): string {
  const size = `${blocks} blocks, ${formatBytes(bytes)}`
  if (!totalBytes) return size
  const ratio = Math.min(1, bytes / totalBytes)
  const width = 24
  const filled = Math.round(ratio * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${size} of ${formatBytes(totalBytes)}`
}

