import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { VerifiedExecutionHeader, VerifiedHeaderSource } from '../lib/execution/types.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { createHeaderResolver } from '../lib/rpc/createHeaderResolver.ts'

/** The block an answer was verified against (slot when it is one of the light client's heads). */
export type VerifiedAgainst = {
  block: 'latest' | 'finalized' | 'number'
  slot: number | undefined
  blockNumber: string
  blockHash: string
  stateRoot: string
  receiptsRoot: string
  /** The verified header's own timestamp (Unix seconds): ages count from it, not from when the answer came. */
  timestamp: number
  /** Seconds from that timestamp to the moment the block was pinned (the freshness rule checked the head before). */
  ageSeconds: number
  /** Set when the RPCs could not serve the latest head (a block or two behind): the head asked for and why this older verified block was used. */
  fallbackFrom?: { block: 'latest'; blockNumber: string; reason: string }
}

export type PinnedHeader = { header: VerifiedExecutionHeader; against: VerifiedAgainst; headers: VerifiedHeaderSource }

/**
 * Resolves the block once (a head of the light client, or an ancestor reached by verified parent
 * hashes) and pins it: the returned header source vouches for exactly what was reported, so the
 * answer and the "verified against" line cannot refer to different blocks.
 */
export async function pinHeader({ client, rpc, block }: { client: LightClient; rpc: RpcClient; block: 'latest' | 'finalized' | bigint }): Promise<PinnedHeader> {
  const { optimistic, finalized } = client.state
  const head = block === 'latest' ? optimistic : block === 'finalized' ? finalized : [optimistic, finalized].find((h) => h?.execution?.number === block)
  const header = await createHeaderResolver({ headers: client, client: rpc })(block)
  const against: VerifiedAgainst = {
    block: typeof block === 'bigint' ? 'number' : block,
    slot: head?.slot,
    blockNumber: header.number.toString(),
    blockHash: header.blockHash,
    stateRoot: header.stateRoot,
    receiptsRoot: header.receiptsRoot,
    timestamp: Number(header.timestamp),
    ageSeconds: Math.max(0, Math.floor(Date.now() / 1000 - Number(header.timestamp))),
  }
  const headers: VerifiedHeaderSource = {
    getExecutionHeader: async (selector) => (selector === header.number ? header : client.getExecutionHeader(selector)),
  }
  return { header, against, headers }
}
