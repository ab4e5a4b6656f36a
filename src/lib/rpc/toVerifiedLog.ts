import { numberToHex } from 'viem'
import type { Hex, RpcLog } from '../execution/types.ts'

export type ToVerifiedLogParameters = {
  /** A log taken from a receipt that passed the receipts-root check. */
  log: RpcLog
  block: { hash: Hex; number: Hex; timestamp: Hex }
  transactionHash: Hex
  transactionIndex: number
  /** Position among all the block's logs. */
  logIndex: number
}

/**
 * A log as eth_getLogs and receipts return it, with every positional field derived from the
 * verified block rather than copied from the provider's answer.
 */
export function toVerifiedLog({ log, block, transactionHash, transactionIndex, logIndex }: ToVerifiedLogParameters) {
  return {
    address: log.address,
    topics: log.topics,
    data: log.data,
    blockHash: block.hash,
    blockNumber: block.number,
    blockTimestamp: block.timestamp,
    transactionHash,
    transactionIndex: numberToHex(transactionIndex),
    logIndex: numberToHex(logIndex),
    removed: false,
  }
}
