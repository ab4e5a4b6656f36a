import type { HistoryTransfer, ProvenHistory } from './types.ts'

type Json = Record<string, unknown>
const BIGINTS = ['fromBlock', 'toBlock', 'fromTimestamp', 'toTimestamp', 'balance', 'nonce'] as const

/** ProvenHistory as JSON (bigints as decimal strings), for the CLI's state file. */
export function serializeHistory(history: ProvenHistory): string {
  return JSON.stringify(history, (_key, v) => (typeof v === 'bigint' ? v.toString() : v))
}

/**
 * Reads a stored history back; anything malformed gives undefined (the range is proven again)
 * rather than an error: a damaged cache file never stops the command.
 */
export function parseHistory(text: string): ProvenHistory | undefined {
  try {
    const raw = JSON.parse(text) as Json
    const history = { ...raw } as Json
    for (const field of BIGINTS) history[field] = BigInt(raw[field] as string)
    if (!Array.isArray(raw.transfers) || !Array.isArray(raw.tokens)) return undefined
    if (typeof raw.address !== 'string' || typeof raw.toBlockHash !== 'string' || typeof raw.fromParentHash !== 'string') return undefined
    history.transfers = (raw.transfers as Json[]).map(
      (t): HistoryTransfer => ({
        ...(t as unknown as HistoryTransfer),
        blockNumber: BigInt(t.blockNumber as string),
        value: BigInt(t.value as string),
        ...(t.tokenId !== undefined && { tokenId: BigInt(t.tokenId as string) }),
      }),
    )
    return history as unknown as ProvenHistory
  } catch {
    return undefined
  }
}
