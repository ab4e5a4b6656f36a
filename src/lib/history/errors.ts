import { BaseError } from '../errors.ts'

/** The range asked for is empty, reversed, or ahead of the verified head. */
export class HistoryRangeError extends BaseError {
  override name = 'HistoryRangeError' as const
  fromBlock: string
  toBlock: string
  constructor({ fromBlock, toBlock, reason }: { fromBlock: bigint; toBlock: bigint; reason: string }) {
    super(`Cannot prove history from block ${fromBlock} to ${toBlock}: ${reason}.`)
    this.fromBlock = String(fromBlock)
    this.toBlock = String(toBlock)
  }
}
