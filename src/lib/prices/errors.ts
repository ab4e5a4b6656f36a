import { BaseError } from '../errors.ts'

/** The feed's latest round is older than its heartbeat allows: the price is not shown. */
export class PriceFeedStaleError extends BaseError {
  override name = 'PriceFeedStaleError' as const
  feed: string
  description: string
  updatedAt: number
  ageSeconds: number
  limitSeconds: number
  constructor({ feed, description, updatedAt, ageSeconds, limitSeconds }: { feed: string; description: string; updatedAt: number; ageSeconds: number; limitSeconds: number }) {
    super(`The ${description} feed at ${feed} last updated ${ageSeconds} s before the block, past its limit of ${limitSeconds} s (heartbeat plus 10 %): its price is stale.`)
    this.feed = feed
    this.description = description
    this.updatedAt = updatedAt
    this.ageSeconds = ageSeconds
    this.limitSeconds = limitSeconds
  }
}

/** The feed answered a price that cannot be one (zero, negative, or a round from after the block). */
export class PriceFeedAnswerInvalidError extends BaseError {
  override name = 'PriceFeedAnswerInvalidError' as const
  feed: string
  answer: string
  reason: string
  constructor({ feed, answer, reason }: { feed: string; answer: bigint; reason: string }) {
    super(`The price feed at ${feed} answered ${answer}, which is not usable: ${reason}.`)
    this.feed = feed
    this.answer = answer.toString()
    this.reason = reason
  }
}
