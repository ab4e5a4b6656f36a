import { describe, expect, it } from 'vitest'
import { toPreviewOutcome } from '../../../src/lib/bundle/toPreviewOutcome.ts'

const A = '0xAaAaaAAaaaaaaaAAaAAaAaaAaAAAaaaAaAaAaAaA'
const B = '0x000000000000000000000000000000000000b0b0'
const T = '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC'

describe('toPreviewOutcome (a preview in a bundle\'s words)', () => {
  it('writes base units as decimal strings, addresses in lower case and rows in one order, whatever order the run found them in', () => {
    const changes = [
      { address: B, asset: T, before: 0n, after: 5n, delta: 5n },
      { address: A, asset: 'ETH', before: 10n, after: 7n, delta: -3n },
      { address: A, asset: T, before: 9n, after: 4n, delta: -5n },
    ] as const
    const outcome = toPreviewOutcome({ reverted: false, changes: [...changes], approvals: [{ token: T, owner: A, spender: B, value: 2n }], delegationChanges: [{ address: A, before: undefined, after: B }] })
    const again = toPreviewOutcome({ reverted: false, changes: [...changes].reverse(), approvals: [{ token: T, owner: A, spender: B, value: 2n }], delegationChanges: [{ address: A, before: undefined, after: B }] })
    expect(again).toEqual(outcome)
    expect(outcome).toEqual({
      reverted: false,
      changes: [
        { address: B, asset: T.toLowerCase(), before: '0', after: '5' },
        { address: A.toLowerCase(), asset: T.toLowerCase(), before: '9', after: '4' },
        { address: A.toLowerCase(), asset: 'ETH', before: '10', after: '7' },
      ],
      approvals: [{ token: T.toLowerCase(), owner: A.toLowerCase(), spender: B, value: '2' }],
      delegationChanges: [{ address: A.toLowerCase(), before: null, after: B }],
    })
  })

  it('keeps a revert as its return data', () => {
    expect(toPreviewOutcome({ reverted: { reason: 'no', data: '0xABCD' }, changes: [], approvals: [], delegationChanges: [] }).reverted).toEqual({ data: '0xabcd' })
  })
})
