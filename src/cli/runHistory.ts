import { join } from 'node:path'
import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { Address } from '../lib/execution/types.ts'
import { createFileHistoryStore } from '../lib/history/createFileHistoryStore.node.ts'
import { historyKey } from '../lib/history/historyStore.ts'
import { updateHistory } from '../lib/history/updateHistory.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { readAtServedBlock } from '../lib/rpc/readAtServedBlock.ts'
import type { CliOptions } from './parseCliArgs.ts'
import { type VerifiedAgainst, pinHeader } from './verifiedAgainst.ts'

export type RunHistoryParameters = { options: CliOptions; client: LightClient; rpc: RpcClient; chainId: number; stateDir: string; progress?: (line: string) => void }

/** `history --json`: every value a decimal string in base units; `asset` is "ETH" or the token's address. */
export type HistoryReport = {
  kind: 'history'
  address: string
  /** The range proven complete: no transfer to or from the account in it is missing. */
  complete: { fromBlock: string; toBlock: string; fromTimestamp: number; toTimestamp: number }
  transfers: { hash: string | null; blockNumber: string; from: string | null; to: string | null; asset: string; value: string; tokenId?: string; source: string }[]
  /** Token contracts that moved tokens to or from the account in the range. */
  tokens: string[]
  /** The proven balance and nonce at the range's last block. */
  balance: string
  nonce: string
  /** What this run proved (the rest came from the state dir, proven by an earlier run). */
  proven: { segment: string; fromBlock: string; toBlock: string; headers: number; bloomMatches: number; falsePositives: number; balanceProofs: number; historyAnchors: number }[]
  /** Set when a stored range no longer linked to the verified chain and was proven again. */
  discarded?: string
  verifiedAgainst: VerifiedAgainst
}

/**
 * `history ADDRESS`: brings the stored proven range of the account up to the verified head (and
 * back to --from-block), proving only the missing blocks. The head falls back a block or two when
 * the RPCs do not serve the newest yet, as for reads.
 */
export async function runHistory({ options, client, rpc, chainId, stateDir, progress }: RunHistoryParameters): Promise<HistoryReport> {
  const address = options.target!.toLowerCase() as Address
  const store = createFileHistoryStore({ directory: join(stateDir, 'history') })
  const key = historyKey({ chainId, address })
  const newest = client.state.optimistic?.execution?.number
  const below = newest === undefined ? [] : [newest - 1n, newest - 2n]
  const { value } = await readAtServedBlock<'latest' | 'finalized' | bigint, HistoryReport>({
    blocks: ['latest', ...below, 'finalized'],
    read: async (at) => {
      const { header, against } = await pinHeader({ client, rpc, block: at })
      const { history, segments, discarded } = await updateHistory({
        client: rpc, head: header, address, store, key, fromBlock: options.fromBlock,
        onProgress: progress && ((p) => progress(`proving ${p.segment === 'backward' ? 'older blocks' : p.segment === 'forward' ? 'new blocks' : 'the range'}: ${p.phase} ${p.done}${p.total ? `/${p.total}` : ''}`)),
      })
      const dec = (n: bigint) => n.toString()
      return {
        kind: 'history',
        address,
        complete: { fromBlock: dec(history.fromBlock), toBlock: dec(history.toBlock), fromTimestamp: Number(history.fromTimestamp), toTimestamp: Number(history.toTimestamp) },
        transfers: history.transfers.map((t) => ({
          hash: t.hash, blockNumber: dec(t.blockNumber), from: t.from, to: t.to, asset: t.asset, value: dec(t.value),
          ...(t.tokenId !== undefined && { tokenId: dec(t.tokenId) }), source: t.source,
        })),
        tokens: history.tokens,
        balance: dec(history.balance),
        nonce: dec(history.nonce),
        proven: segments.map(({ segment, fromBlock, toBlock, stats }) => ({ segment, fromBlock: dec(fromBlock), toBlock: dec(toBlock), ...pick(stats) })),
        ...(discarded && { discarded }),
        verifiedAgainst: against,
      }
    },
  })
  return value
}

const pick = ({ headers, bloomMatches, falsePositives, balanceProofs, historyAnchors }: Record<string, number>) => ({ headers, bloomMatches, falsePositives, balanceProofs, historyAnchors })
