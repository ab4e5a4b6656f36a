import { encodeFunctionResult, getAddress, toFunctionSelector } from 'viem'
import { describe, expect, it } from 'vitest'
import { aggregatorV3Abi } from '../../../src/lib/prices/aggregatorV3Abi.ts'
import { decodeFeedCalls } from '../../../src/lib/prices/decodeFeedCalls.ts'

const FEED = '0x5f4ec3df9cbd43714fe2740f5e3616155c5b8419'
const decimalsCall = { call: { to: FEED, data: toFunctionSelector(aggregatorV3Abi[0]) }, result: encodeFunctionResult({ abi: aggregatorV3Abi, functionName: 'decimals', result: 8 }) }
const roundCall = (answer: bigint) => ({
  call: { to: FEED, data: toFunctionSelector(aggregatorV3Abi[1]) },
  result: encodeFunctionResult({ abi: aggregatorV3Abi, functionName: 'latestRoundData', result: [7n, answer, 1_700_000_000n, 1_700_000_100n, 7n] }),
})

describe('decodeFeedCalls (a calls bundle as the USD price the app shows)', () => {
  it("decodes a feed's decimals and latestRoundData, in either order, to the price of one unit", () => {
    const expected = { feed: getAddress(FEED), answer: 3_012_34000000n, decimals: 8, roundId: 7n, updatedAt: 1_700_000_100, usd: '$3,012.34' }
    expect(decodeFeedCalls([decimalsCall, roundCall(3_012_34000000n)])).toEqual(expected)
    expect(decodeFeedCalls([roundCall(3_012_34000000n), decimalsCall])).toEqual(expected)
  })

  it('says a non-positive answer is not a price', () => {
    expect(decodeFeedCalls([decimalsCall, roundCall(0n)])?.usd).toBe('not a price (answer 0)')
  })

  it('states no price for any other set of calls: one of the two, another contract, other data, undecodable results', () => {
    expect(decodeFeedCalls([roundCall(1n)])).toBeUndefined()
    expect(decodeFeedCalls([decimalsCall, { ...roundCall(1n), call: { ...roundCall(1n).call, to: '0x0000000000000000000000000000000000000001' } }])).toBeUndefined()
    expect(decodeFeedCalls([decimalsCall, { ...decimalsCall }])).toBeUndefined()
    expect(decodeFeedCalls([decimalsCall, roundCall(1n), decimalsCall])).toBeUndefined()
    expect(decodeFeedCalls([decimalsCall, { ...roundCall(1n), result: '0x01' }])).toBeUndefined()
  })
})
