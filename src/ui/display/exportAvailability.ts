import type { ValueEvidence } from '../engine/readWithEvidence.ts'

/** Whether "Export proof" can write a bundle for this evidence now, and if not, why in plain words. */
export type ExportAvailability =
  | { available: true }
  | { available: false; reason: string; later: boolean }

/**
 * A bundle needs a claim the format can state, and the light-client update that made the value's
 * head trusted. Heads restored from this browser's saved state (right after a reload) are trusted
 * but keep no update: their values can be exported from the next head verified in this session
 * (`later`), never with an error. A history range rests on thousands of headers and receipts: no
 * bundle kind carries that, and the reason is said rather than hidden.
 */
export function exportAvailability({ evidence }: { evidence: ValueEvidence }): ExportAvailability {
  if (evidence.range) {
    return { available: false, later: false, reason: 'Export proof is not available for a history range: it rests on every header and every matching receipt of the range (thousands of them, hash-linked to the verified head), more than a proof bundle carries. Each transaction in it exports its own receipt bundle on Activity.' }
  }
  if (!evidence.claim) return { available: false, later: false, reason: 'Export proof is not available for this value: a proof bundle cannot state it.' }
  if (!evidence.headEvidence) {
    return { available: false, later: true, reason: `Export proof is available at the next verified head: block ${evidence.header.number} rests on a head restored from this browser's saved state, which keeps no light-client update to put in a bundle. A value read at a head verified in this session exports: balances on Home are read again with each head (close and reopen this then), a one-off answer (a name, a read, a review) once you ask again.` }
  }
  return { available: true }
}
