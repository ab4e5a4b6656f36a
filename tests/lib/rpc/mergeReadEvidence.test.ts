import { expect, it } from 'vitest'
import type { VerifiedExecutionHeader } from '../../../src/lib/execution/types.ts'
import { mergeReadEvidence } from '../../../src/lib/rpc/mergeReadEvidence.ts'
import type { ReadEvidence } from '../../../src/lib/rpc/recordEvidence.ts'

const header = (n: number) => ({ number: BigInt(n), blockHash: `0x${String(n).padStart(64, '0')}` }) as unknown as VerifiedExecutionHeader
const read = (n: number, url: string, refused: string[]): ReadEvidence => ({
  headers: [header(n)], heads: [header(n)],
  answers: [{ url, requests: [{ method: 'eth_getProof', params: [n] }], results: [n] }],
  rejected: refused.map((r) => ({ url: r, errorName: `E${n}`, message: '', verification: true })),
})

it('keeps every header and answer in order, each head and each refused provider once (its first refusal)', () => {
  const merged = mergeReadEvidence([read(5, 'http://b', ['http://a']), read(5, 'http://b', ['http://a', 'http://c'])])
  expect(merged.headers).toHaveLength(2)
  expect(merged.heads).toEqual([header(5)])
  expect(merged.answers.map((a) => a.results[0])).toEqual([5, 5])
  expect(merged.rejected.map((r) => [r.url, r.errorName])).toEqual([['http://a', 'E5'], ['http://c', 'E5']])
  expect(mergeReadEvidence([])).toEqual({ headers: [], heads: [], answers: [], rejected: [] })
})
