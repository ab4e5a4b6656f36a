import { type Address, type Hex, hexToBigInt, numberToHex, pad } from 'viem'
import { TRANSFER_TOPIC } from '../../src/lib/history/constants.ts'
import type { HistoryTransfer } from '../../src/lib/history/types.ts'
import { rpc } from '../lib/execution/startAnvil.ts'

/** A movement as the oracle and history both describe it (history names the transaction of an internal movement only when its block has one). */
export type OracleTransfer = { hash: Hex | null; blockNumber: string; from: Address | null; to: Address | null; asset: string; value: string }

type CallFrame = { from: Address; to?: Address; value?: Hex; error?: string; calls?: CallFrame[] }

/**
 * What anvil itself says moved to or from `address` in blocks `from`..`to`: ETH from its call
 * traces (debug_traceTransaction with the callTracer, every successful frame with a value; nested
 * frames are 'internal'), tokens from its own eth_getLogs. The test's oracle, trusted because it is
 * the node that executed the blocks.
 */
export async function traceHistory({ rpcUrl, address, from, to }: { rpcUrl: string; address: Address; from: bigint; to: bigint }): Promise<OracleTransfer[]> {
  const account = address.toLowerCase()
  const out: OracleTransfer[] = []
  for (let n = from; n <= to; n++) {
    const block = await rpc<{ transactions: Hex[] }>(rpcUrl, 'eth_getBlockByNumber', [numberToHex(n), false])
    for (const hash of block.transactions) {
      const trace = await rpc<CallFrame>(rpcUrl, 'debug_traceTransaction', [hash, { tracer: 'callTracer' }])
      const visit = (frame: CallFrame, depth: number) => {
        if (frame.error) return
        const value = hexToBigInt(frame.value ?? '0x0')
        const f = frame.from.toLowerCase()
        const t = frame.to?.toLowerCase()
        if (value > 0n && (f === account || t === account) && f !== t)
          out.push(depth === 0
            ? { hash, blockNumber: String(n), from: f as Address, to: (t ?? null) as Address | null, asset: 'ETH', value: String(value) }
            : { hash: block.transactions.length === 1 ? hash : null, blockNumber: String(n), from: f === account ? (f as Address) : null, to: t === account ? (t as Address) : null, asset: 'ETH', value: String(value) })
        for (const child of frame.calls ?? []) visit(child, depth + 1)
      }
      visit(trace, 0)
    }
  }
  const topic = pad(account as Hex, { size: 32 })
  for (const position of [1, 2]) {
    const topics: (Hex | null)[] = [TRANSFER_TOPIC, null, null]
    topics[position] = topic
    const logs = await rpc<{ address: Address; topics: Hex[]; data: Hex; transactionHash: Hex; blockNumber: Hex }[]>(rpcUrl, 'eth_getLogs', [{ fromBlock: numberToHex(from), toBlock: numberToHex(to), topics }])
    for (const log of logs) {
      const f = `0x${log.topics[1].slice(26)}` as Address
      const t = `0x${log.topics[2].slice(26)}` as Address
      if (position === 2 && f === account) continue // a self-transfer is listed once
      out.push({ hash: log.transactionHash, blockNumber: String(hexToBigInt(log.blockNumber)), from: f, to: t, asset: log.address.toLowerCase(), value: log.topics.length === 4 ? '1' : String(hexToBigInt(log.data)) })
    }
  }
  return sortOracle(out)
}

export function sortOracle(transfers: OracleTransfer[]): OracleTransfer[] {
  const key = (t: OracleTransfer) => `${t.blockNumber.padStart(12, '0')} ${t.asset} ${t.hash} ${t.from} ${t.to} ${t.value}`
  return [...transfers].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

/** History's transfers in the oracle's shape. */
export const toOracle = (transfers: HistoryTransfer[]): OracleTransfer[] =>
  sortOracle(transfers.map((t) => ({ hash: t.hash, blockNumber: String(t.blockNumber), from: t.from, to: t.to, asset: t.asset, value: String(t.value) })))
