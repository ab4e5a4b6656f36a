import { hexToBigInt } from 'viem'
import type { Address, Hex, RpcReceipt } from '../execution/types.ts'
import { TRANSFER_TOPIC } from './constants.ts'
import type { HistoryTransfer } from './types.ts'

const topicAddress = (topic: Hex) => `0x${topic.slice(26)}`.toLowerCase() as Address

/**
 * The ERC-20 and ERC-721 Transfer logs of verified receipts that move tokens from or to the
 * address (ERC-20: 3 topics and the value in data; ERC-721: the token id as a 4th topic).
 * Logs of reverted transactions do not exist (receipts carry none), so none is missed or invented.
 */
export function extractTokenTransfers({ receipts, address, blockNumber }: { receipts: RpcReceipt[]; address: Address; blockNumber: bigint }): HistoryTransfer[] {
  const account = address.toLowerCase()
  const transfers: HistoryTransfer[] = []
  let logIndex = 0
  for (const receipt of receipts) {
    for (const log of receipt.logs) {
      const index = logIndex++
      const [topic0, fromTopic, toTopic, idTopic] = log.topics
      if (topic0?.toLowerCase() !== TRANSFER_TOPIC || !fromTopic || !toTopic) continue
      const from = topicAddress(fromTopic)
      const to = topicAddress(toTopic)
      if (from !== account && to !== account) continue
      const nft = log.topics.length === 4
      // A log whose data is not one word is not an ERC-20 Transfer (some contracts reuse the topic).
      if (!nft && (log.topics.length !== 3 || log.data.length !== 66)) continue
      transfers.push({
        hash: receipt.transactionHash.toLowerCase() as Hex,
        blockNumber,
        from,
        to,
        asset: log.address.toLowerCase() as Address,
        value: nft ? 1n : hexToBigInt(log.data),
        ...(nft && { tokenId: hexToBigInt(idTopic!) }),
        source: 'log',
        index,
      })
    }
  }
  return transfers
}
