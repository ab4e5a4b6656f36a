import type { Address, Hex, VerifiedExecutionHeader } from '../execution/types.ts'
import type { RpcClient } from '../rpc/createRpcClient.ts'
import { getVerifiedBlock } from '../rpc/getVerifiedBlock.ts'
import { EMPTY_TRIE_ROOT } from './constants.ts'
import { HistoryRangeError } from './errors.ts'
import { extractTokenTransfers } from './extractTokenTransfers.ts'
import { findBalanceChanges } from './findBalanceChanges.ts'
import { getEthTransfers } from './getEthTransfers.ts'
import { getVerifiedHeaders } from './getVerifiedHeaders.ts'
import { mapWithLimit } from './mapWithLimit.ts'
import { matchesTransferBloom } from './matchesTransferBloom.ts'
import type { HistoryProgress, HistoryStats, HistoryTransfer, ProvenHistory } from './types.ts'

export type GetVerifiedHistoryParameters = {
  client: RpcClient
  /** The light-client-verified head every header is linked to. */
  head: VerifiedExecutionHeader
  address: Address
  fromBlock: bigint
  /** Default: the head. */
  toBlock?: bigint
  /** The proven hash of block `toBlock` when it is already known (a stored range's parent hash). */
  anchor?: { number: bigint; hash: Hex }
  onProgress?: (progress: HistoryProgress) => void
}
export type GetVerifiedHistoryReturnType = { history: ProvenHistory; stats: HistoryStats }

/**
 * The account's complete ETH, ERC-20 and ERC-721 movements from `fromBlock` to `toBlock`, each
 * step proven: every header hash-linked to the verified head; every block whose logs bloom may hold
 * a Transfer from or to the account read whole (all receipts, checked against its receipts root, so
 * none can be left out), every other block excluded by its bloom; ETH through account proofs at
 * block boundaries (bisection), and in each block where the balance or nonce changed, the block's
 * transactions checked against its transactions root with senders recovered from signatures.
 * Throws rather than return a partial range.
 */
export async function getVerifiedHistory({ client, head, address, fromBlock: from, toBlock = head.number, anchor, onProgress }: GetVerifiedHistoryParameters): Promise<GetVerifiedHistoryReturnType> {
  // Genesis allocations are not transfers: the first block with a parent state to compare is 1.
  const fromBlock = from < 1n ? 1n : from
  if (fromBlock > toBlock) throw new HistoryRangeError({ fromBlock, toBlock, reason: 'the range is empty' })
  const account = address.toLowerCase() as Address
  const walked = await getVerifiedHeaders({
    client, head, anchor, fromBlock: fromBlock - 1n, toBlock,
    onChunk: (done, total) => onProgress?.({ phase: 'headers', done, total }),
  })
  const { historyAnchors } = walked
  let { headers } = walked
  // A genesis header that does not commit to its allocations (anvil's carries the empty root) proves
  // no balance: the range then starts at block 2, with block 1 as the baseline.
  if (headers[0].number === 0n && headers[0].stateRoot === EMPTY_TRIE_ROOT) {
    if (toBlock < 2n) throw new HistoryRangeError({ fromBlock, toBlock, reason: "the genesis header does not commit to the chain's state" })
    headers = headers.slice(1)
  }
  const stats: HistoryStats = { headers: headers.length - 1, bloomMatches: 0, falsePositives: 0, balanceProofs: 0, blocksWithBalanceChange: 0, historyAnchors }
  const context = { client }
  const limit = mapWithLimit(4)

  const matching = headers.slice(1).filter((h) => matchesTransferBloom({ bloom: h.logsBloom, address: account }))
  stats.bloomMatches = matching.length
  let receiptsDone = 0
  const tokenTransfers = await Promise.all(
    matching.map((header) =>
      limit(async () => {
        const { receipts } = await getVerifiedBlock({ context, header: { blockHash: header.hash, number: header.number }, withReceipts: true })
        const found = extractTokenTransfers({ receipts: receipts!, address: account, blockNumber: header.number })
        if (found.length === 0) stats.falsePositives++
        onProgress?.({ phase: 'receipts', done: ++receiptsDone, total: matching.length })
        return found
      }),
    ),
  )

  const { changed, accounts, proofs } = await findBalanceChanges({
    client, address: account, headers,
    onProgress: (done) => onProgress?.({ phase: 'balances', done, total: 0 }),
  })
  stats.balanceProofs = proofs
  stats.blocksWithBalanceChange = changed.length
  let blocksDone = 0
  const ethTransfers = await Promise.all(
    changed.map((i) =>
      limit(async () => {
        const header = headers[i]
        const { block, receipts } = await getVerifiedBlock({ context, header: { blockHash: header.hash, number: header.number }, withReceipts: true, recoverSenders: true })
        onProgress?.({ phase: 'transactions', done: ++blocksDone, total: changed.length })
        return getEthTransfers({ block, receipts: receipts!, address: account, balanceBefore: accounts.get(i - 1)!.balance, balanceAfter: accounts.get(i)!.balance })
      }),
    ),
  )

  const transfers = sortTransfers([...tokenTransfers.flat(), ...ethTransfers.flat()])
  const first = headers[1]
  const last = headers[headers.length - 1]
  const final = accounts.get(headers.length - 1)!
  return {
    history: {
      address: account,
      fromBlock: first.number,
      toBlock,
      toBlockHash: last.hash,
      fromParentHash: first.parentHash,
      fromTimestamp: first.timestamp,
      toTimestamp: last.timestamp,
      transfers,
      tokens: [...new Set(transfers.filter((t) => t.asset !== 'ETH').map((t) => t.asset as Address))],
      balance: final.balance,
      nonce: final.nonce,
    },
    stats,
  }
}

/** Block order, then ETH movements by transaction before token logs: stable for comparisons and for the screen. */
export function sortTransfers(transfers: HistoryTransfer[]): HistoryTransfer[] {
  const rank = { transaction: 0, internal: 1, log: 2, withdrawal: 3 }
  return transfers.sort((a, b) => Number(a.blockNumber - b.blockNumber) || rank[a.source] - rank[b.source] || a.index - b.index)
}
