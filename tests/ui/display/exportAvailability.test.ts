import { describe, expect, it } from 'vitest'
import { exportAvailability } from '../../../src/ui/display/exportAvailability.ts'
import type { ValueEvidence } from '../../../src/ui/engine/readWithEvidence.ts'
import type { HeadEvidence } from '../../../src/lib/consensus/headRecord.ts'

const header = { number: 81n, blockHash: '0x' + '11'.repeat(32) } as ValueEvidence['header']
const read = { headers: [header], heads: [header], answers: [], rejected: [] }
const headEvidence = { via: 'attested' } as unknown as HeadEvidence
const claim = { kind: 'balance', address: `0x${'22'.repeat(20)}`, wei: '1' } as const
const base = { header, head: header, ancestors: 0, read } satisfies Partial<ValueEvidence>

describe('exportAvailability', () => {
  it('exports a claim whose head the light client verified in this session', () => {
    expect(exportAvailability({ evidence: { ...base, claim, headEvidence } })).toEqual({ available: true })
  })
  it('says "at the next verified head", not an error, for a value at a head restored from saved state', () => {
    // After a reload the restored heads have no record (no update kept): the export would fail with HeaderNotAvailableError.
    const a = exportAvailability({ evidence: { ...base, claim, headEvidence: undefined } })
    expect(a).toMatchObject({ available: false, later: true })
    expect(a.available === false && a.reason).toMatch(/available at the next verified head: block 81 .*restored from this browser's saved state/)
  })
  it('says why a history range has no bundle', () => {
    const range = { fromBlock: 1n, toBlock: 81n, proven: [] }
    const a = exportAvailability({ evidence: { ...base, headEvidence, range } })
    expect(a).toMatchObject({ available: false, later: false })
    expect(a.available === false && a.reason).toMatch(/history range: it rests on every header and every matching receipt .*thousands/)
  })
  it('says so in general words for a value without a claim', () => {
    expect(exportAvailability({ evidence: { ...base, headEvidence } })).toMatchObject({ available: false, later: false, reason: 'Export proof is not available for this value: a proof bundle cannot state it.' })
  })
})
