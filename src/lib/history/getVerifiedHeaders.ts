import { hexToBigInt, numberToHex } from 'viem'
import type { Hex, RpcBlockHeader, VerifiedExecutionHeader } from '../execution/types.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import type { RpcClient } from '../rpc/createRpcClient.ts'
import { BlockNotVerifiableError } from '../rpc/errors.ts'
import { HEADER_CHUNK } from './constants.ts'
import { HistoryRangeError } from './errors.ts'
import { getHistoricalBlockHashes } from './getHistoricalBlockHashes.ts'
import { mapWithLimit } from './mapWithLimit.ts'
import type { HistoryHeader } from './types.ts'

export type GetVerifiedHeadersParameters = {
  client: RpcClient
  /** A light-client-verified head: every header returned links to it. */
  head: VerifiedExecutionHeader
  fromBlock: bigint
  toBlock: bigint
  /** A block hash already proven (e.g. the parent hash of a stored range's first block). */
  anchor?: { number: bigint; hash: Hex }
  /** Chunks fetched at once (default 4). */
  concurrency?: number
  onChunk?: (done: number, total: number) => void
}
export type GetVerifiedHeadersReturnType = { headers: HistoryHeader[]; historyAnchors: number }

/**
 * Every header from `fromBlock` to `toBlock`, each hash-linked to the verified head. The range is
 * cut into chunks of HEADER_CHUNK blocks; a chunk's top hash is the head's, the anchor's, or proven
 * from EIP-2935 storage at the head (one proof for all chunks), so those chunks are fetched in
 * parallel; beyond the EIP-2935 window a chunk's top is the parent hash of the chunk above it.
 * Within a chunk each header must hash to its child's parent hash.
 */
export async function getVerifiedHeaders({ client, head, fromBlock, toBlock, anchor, concurrency = 4, onChunk }: GetVerifiedHeadersParameters): Promise<GetVerifiedHeadersReturnType> {
  if (fromBlock > toBlock || toBlock > head.number || fromBlock < 0n)
    throw new HistoryRangeError({ fromBlock, toBlock, reason: toBlock > head.number ? `the verified head is block ${head.number}` : 'the range is empty' })
  const tops: bigint[] = []
  for (let top = toBlock; top >= fromBlock; top -= HEADER_CHUNK) tops.push(top)
  const known = new Map<bigint, Hex>([[head.number, head.blockHash]])
  if (anchor) known.set(anchor.number, anchor.hash)
  const proven = await getHistoricalBlockHashes({ client, head, numbers: tops.filter((t) => !known.has(t)) })
  for (const [n, hash] of proven) known.set(n, hash)
  // The top chunk must start from a proven hash: otherwise walk down from the head itself.
  if (!known.has(tops[0])) {
    for (let top = tops[0] + HEADER_CHUNK; ; top += HEADER_CHUNK) {
      const t = top > head.number ? head.number : top
      tops.unshift(t)
      if (t === head.number) break
    }
  }
  const chunks: Promise<HistoryHeader[]>[] = []
  let done = 0
  const limit = mapWithLimit(concurrency)
  for (const [i, top] of tops.entries()) {
    const bottom = i + 1 < tops.length ? tops[i + 1] + 1n : fromBlock
    const topHash = known.get(top)
    const hash = topHash ? Promise.resolve(topHash) : chunks[i - 1].then((above) => above[above.length - 1].parentHash)
    chunks.push(
      hash.then((h) =>
        limit(async () => {
          const chunk = await fetchChunk({ client, top, bottom: bottom < fromBlock ? fromBlock : bottom, topHash: h })
          onChunk?.(++done, tops.length)
          return chunk
        }),
      ),
    )
  }
  const headers = (await Promise.all(chunks)).flat().filter((h) => h.number <= toBlock).reverse()
  return { headers, historyAnchors: proven.size }
}

async function fetchChunk({ client, top, bottom, topHash }: { client: RpcClient; top: bigint; bottom: bigint; topHash: Hex }): Promise<HistoryHeader[]> {
  const numbers: bigint[] = []
  for (let n = top; n >= bottom; n--) numbers.push(n)
  return client.batch(
    numbers.map((n) => ({ method: 'eth_getBlockByNumber', params: [numberToHex(n), false] })),
    (results) => {
      let expected = topHash
      return (results as (RpcBlockHeader | null)[]).map((header, i) => {
        if (!header) throw new BlockNotVerifiableError({ block: String(numbers[i]), reason: 'the RPC does not have it' })
        verifyBlockHeader({ header, blockHash: expected })
        expected = header.parentHash
        return {
          number: hexToBigInt(header.number),
          hash: header.hash.toLowerCase() as Hex,
          parentHash: header.parentHash.toLowerCase() as Hex,
          stateRoot: header.stateRoot,
          receiptsRoot: header.receiptsRoot,
          logsBloom: header.logsBloom,
          timestamp: hexToBigInt(header.timestamp),
        }
      })
    },
  )
}
