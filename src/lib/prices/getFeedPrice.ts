import type { Address, Client } from 'viem'
import { readContract } from '../rpc/actions/readContract.ts'
import type { PriceFeedConfig } from '../trust/networkContracts.ts'
import { aggregatorV3Abi } from './aggregatorV3Abi.ts'
import { PriceFeedAnswerInvalidError, PriceFeedStaleError } from './errors.ts'

export type GetFeedPriceParameters = {
  /** a client over the verified transport: the reads are eth_calls run locally over proven state */
  client: Client
  feed: PriceFeedConfig
  /** the verified block to read at, and its own timestamp (the feed's age counts from it) */
  blockNumber: bigint
  blockTimestamp: number
}

export type FeedPrice = {
  feed: Address
  description: string
  /** the answer in the feed's units: USD × 10^decimals */
  answer: bigint
  decimals: number
  roundId: bigint
  /** the round's own time (Unix seconds) */
  updatedAt: number
  blockNumber: bigint
  blockTimestamp: number
}

/** How old a round may be before its price is hidden: the heartbeat plus 10 % for the update to land. */
export function feedLimitSeconds(heartbeatSeconds: number): number {
  return heartbeatSeconds + Math.ceil(heartbeatSeconds / 10)
}

/**
 * The feed's latest round at a verified block. Throws PriceFeedStaleError when the round is older
 * than the feed's heartbeat allows (by its own updatedAt against the block's timestamp), and
 * PriceFeedAnswerInvalidError for a price that cannot be one; a read that cannot be proven
 * throws the verified transport's error.
 */
export async function getFeedPrice({ client, feed, blockNumber, blockTimestamp }: GetFeedPriceParameters): Promise<FeedPrice> {
  const [decimals, round] = await Promise.all([
    readContract(client, { address: feed.address, abi: aggregatorV3Abi, functionName: 'decimals', blockNumber }),
    readContract(client, { address: feed.address, abi: aggregatorV3Abi, functionName: 'latestRoundData', blockNumber }),
  ])
  const [roundId, answer, , updatedAtRaw] = round
  const updatedAt = Number(updatedAtRaw)
  if (answer <= 0n) throw new PriceFeedAnswerInvalidError({ feed: feed.address, answer, reason: 'a price must be above zero' })
  if (updatedAt > blockTimestamp) throw new PriceFeedAnswerInvalidError({ feed: feed.address, answer, reason: `its round is dated ${updatedAt}, after the block (${blockTimestamp})` })
  const ageSeconds = blockTimestamp - updatedAt
  const limitSeconds = feedLimitSeconds(feed.heartbeatSeconds)
  if (ageSeconds > limitSeconds) throw new PriceFeedStaleError({ feed: feed.address, description: feed.description, updatedAt, ageSeconds, limitSeconds })
  return { feed: feed.address, description: feed.description, answer, decimals, roundId, updatedAt, blockNumber, blockTimestamp }
}
