import type { Address, VerifiedExecutionHeader } from '../execution/types.ts'
import type { RpcClient } from '../rpc/createRpcClient.ts'
import { type GetVerifiedHistoryReturnType, getVerifiedHistory, sortTransfers } from './getVerifiedHistory.ts'
import type { HistoryStore } from './historyStore.ts'
import type { HistoryProgress, HistoryStats, ProvenHistory } from './types.ts'

/** How far back a first history goes when no start is given. */
export const DEFAULT_HISTORY_SPAN = 1000n

export type UpdateHistoryParameters = {
  client: RpcClient
  head: VerifiedExecutionHeader
  address: Address
  store: HistoryStore
  key: string
  /** Extend back to this block (default: keep the stored start, or the head minus DEFAULT_HISTORY_SPAN). */
  fromBlock?: bigint
  onProgress?: (progress: HistoryProgress & { segment: 'forward' | 'backward' | 'new' }) => void
}
export type UpdateHistoryReturnType = {
  history: ProvenHistory
  /** Work done by this call, per segment proven (empty when the stored range already covered it). */
  segments: { segment: 'forward' | 'backward' | 'new'; fromBlock: bigint; toBlock: bigint; stats: HistoryStats }[]
  /** Why a stored range was dropped and proven again (it no longer links to the verified chain). */
  discarded?: string
}

/**
 * Brings the stored proven range up to the verified head and back to `fromBlock`, proving only what
 * is missing: the new blocks above (their first block must name the stored last block as parent,
 * so the two ranges are one chain), and the blocks below (anchored on the stored first block's
 * parent hash). Each segment is saved as soon as it is proven; a failure leaves the stored range as
 * it was and claims nothing more.
 */
export async function updateHistory({ client, head, address, store, key, fromBlock, onProgress }: UpdateHistoryParameters): Promise<UpdateHistoryReturnType> {
  const segments: UpdateHistoryReturnType['segments'] = []
  const prove = async (segment: 'forward' | 'backward' | 'new', args: Omit<Parameters<typeof getVerifiedHistory>[0], 'client' | 'head' | 'address' | 'onProgress'>) => {
    const result = await getVerifiedHistory({ client, head, address, ...args, onProgress: (p) => onProgress?.({ ...p, segment }) })
    segments.push({ segment, fromBlock: result.history.fromBlock, toBlock: result.history.toBlock, stats: result.stats })
    return result
  }
  let history = await store.get(key)
  let discarded: string | undefined
  if (history && history.address !== address.toLowerCase()) history = undefined
  if (history && history.toBlock < head.number) {
    const above = await prove('forward', { fromBlock: history.toBlock + 1n })
    if (above.history.fromParentHash !== history.toBlockHash) {
      discarded = `block ${history.toBlock} of the stored range is not the parent of verified block ${history.toBlock + 1n} (a reorganization)`
      history = undefined
    } else {
      history = join(history, above)
      await store.put(key, history)
    }
  }
  if (!history) {
    const start = fromBlock ?? (head.number > DEFAULT_HISTORY_SPAN ? head.number - DEFAULT_HISTORY_SPAN : 1n)
    history = (await prove('new', { fromBlock: start })).history
    await store.put(key, history)
  }
  if (fromBlock !== undefined && fromBlock < history.fromBlock && history.fromBlock > 1n) {
    const below = await prove('backward', { fromBlock, toBlock: history.fromBlock - 1n, anchor: { number: history.fromBlock - 1n, hash: history.fromParentHash } })
    history = join(below.history, { history })
    await store.put(key, history)
  }
  return { history, segments, ...(discarded && { discarded }) }
}

/** Two adjacent proven ranges as one (`lower` ends right below `upper`). */
function join(lower: ProvenHistory, { history: upper }: Pick<GetVerifiedHistoryReturnType, 'history'>): ProvenHistory {
  return {
    ...upper,
    fromBlock: lower.fromBlock,
    fromParentHash: lower.fromParentHash,
    fromTimestamp: lower.fromTimestamp,
    transfers: sortTransfers([...lower.transfers, ...upper.transfers]),
    tokens: [...new Set([...lower.tokens, ...upper.tokens])],
  }
}
