import type { ReadEvidence } from './recordEvidence.ts'

/**
 * Several reads behind one value (a price: the feed's decimals and its latest round) as one
 * record: every header and answer in order, each refused provider once (its first refusal).
 */
export function mergeReadEvidence(reads: readonly ReadEvidence[]): ReadEvidence {
  const rejected = reads.flatMap((r) => r.rejected)
  return {
    headers: reads.flatMap((r) => r.headers),
    heads: reads.flatMap((r) => r.heads).filter((h, i, all) => all.findIndex((o) => o.blockHash === h.blockHash) === i),
    answers: reads.flatMap((r) => r.answers),
    rejected: rejected.filter((r, i) => rejected.findIndex((o) => o.url === r.url) === i),
  }
}
