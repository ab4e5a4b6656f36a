import { type Address, type Hex, decodeFunctionResult, getAddress, toFunctionSelector } from 'viem'
import { aggregatorV3Abi } from './aggregatorV3Abi.ts'
import { formatUsdValue } from './formatUsdValue.ts'

export type FeedCallsPrice = { feed: Address; answer: bigint; decimals: number; roundId: bigint; updatedAt: number; usd: string }

const DECIMALS = toFunctionSelector(aggregatorV3Abi[0])
const LATEST_ROUND = toFunctionSelector(aggregatorV3Abi[1])

/**
 * The USD price a bundle's calls state, decoded as the app computes it (getFeedPrice's two reads,
 * formatUsdValue of one whole unit): exactly a feed's `decimals` and `latestRoundData`, both to
 * the same contract with no other data, read from the proven call data and return data (never
 * from a label in the file). Undefined for any other set of calls. Which feed it is is the calls'
 * `to`: the words hold if that is the feed you mean.
 */
export function decodeFeedCalls(calls: readonly { call: Record<string, unknown>; result: Hex }[]): FeedCallsPrice | undefined {
  if (calls.length !== 2) return undefined
  const dataOf = (c: { call: Record<string, unknown> }) => String(c.call.data ?? c.call.input ?? '0x').toLowerCase()
  const decimalsCall = calls.find((c) => dataOf(c) === DECIMALS)
  const roundCall = calls.find((c) => dataOf(c) === LATEST_ROUND)
  if (!decimalsCall || !roundCall || typeof decimalsCall.call.to !== 'string' || String(decimalsCall.call.to).toLowerCase() !== String(roundCall.call.to).toLowerCase()) return undefined
  try {
    const decimals = decodeFunctionResult({ abi: aggregatorV3Abi, functionName: 'decimals', data: decimalsCall.result })
    const [roundId, answer, , updatedAt] = decodeFunctionResult({ abi: aggregatorV3Abi, functionName: 'latestRoundData', data: roundCall.result })
    const usd = answer > 0n ? formatUsdValue({ amount: 1n, amountDecimals: 0, price: { answer, decimals } }) : `not a price (answer ${answer})`
    return { feed: getAddress(String(decimalsCall.call.to)), answer, decimals, roundId, updatedAt: Number(updatedAt), usd }
  } catch {
    return undefined
  }
}
