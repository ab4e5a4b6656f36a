import { describe, expect, it } from 'vitest'
import { parseRange } from '../../../scripts/ipfs/parseRange.ts'

describe('parseRange', () => {
  it('reads first-last, open-ended and suffix ranges', () => {
    expect(parseRange({ header: 'bytes=0-99', size: 1000 })).toEqual({ kind: 'range', start: 0, end: 99 })
    expect(parseRange({ header: 'bytes=900-', size: 1000 })).toEqual({ kind: 'range', start: 900, end: 999 })
    expect(parseRange({ header: 'bytes=-10', size: 1000 })).toEqual({ kind: 'range', start: 990, end: 999 })
    expect(parseRange({ header: 'bytes=-5000', size: 1000 })).toEqual({ kind: 'range', start: 0, end: 999 })
    expect(parseRange({ header: 'bytes=990-5000', size: 1000 })).toEqual({ kind: 'range', start: 990, end: 999 })
  })

  it('reports a range starting past the end as unsatisfiable', () => {
    expect(parseRange({ header: 'bytes=1000-', size: 1000 })).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange({ header: 'bytes=-0', size: 1000 })).toEqual({ kind: 'unsatisfiable' })
  })

  it('ignores absent, malformed, multi-range and other-unit headers (whole file)', () => {
    for (const header of [undefined, '', 'bytes=', 'bytes=5-1', 'bytes=0-1,5-9', 'items=0-1', 'bytes=a-b'])
      expect(parseRange({ header, size: 1000 })).toEqual({ kind: 'none' })
  })
})
