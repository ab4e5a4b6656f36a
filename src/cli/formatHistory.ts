import { formatEther } from 'viem'
import { formatAge } from '../lib/consensus/formatAge.ts'
import type { HistoryReport } from './runHistory.ts'

/** The text of `latchkey history`: the complete range first (what the list can be trusted for), then one line per transfer. */
export function formatHistory(r: HistoryReport): string {
  const account = r.address.toLowerCase()
  const { fromBlock, toBlock, fromTimestamp, toTimestamp } = r.complete
  const lines = [
    `history of ${r.address}: complete from block ${fromBlock} to ${toBlock} (${new Date(fromTimestamp * 1000).toISOString()} to ${new Date(toTimestamp * 1000).toISOString()}, ${formatAge({ seconds: toTimestamp - fromTimestamp })})`,
  ]
  if (r.transfers.length === 0) lines.push('  no transfers in that range')
  for (const t of r.transfers) {
    const out = t.from?.toLowerCase() === account
    const amount = t.asset === 'ETH' ? `${formatEther(BigInt(t.value))} ETH` : t.tokenId !== undefined ? `NFT #${t.tokenId} of ${t.asset}` : `${t.value} of token ${t.asset}`
    const other = out ? `to ${t.to ?? '(inside a transaction)'}` : `from ${t.from ?? (t.source === 'withdrawal' ? '(withdrawal)' : '(inside a transaction)')}`
    lines.push(`  block ${t.blockNumber}  ${out ? 'out' : 'in '}  ${amount}  ${other}  ${t.hash ?? `(${t.source}, no transaction named)`}`)
  }
  lines.push(`balance ${formatEther(BigInt(r.balance))} ETH, nonce ${r.nonce} at block ${toBlock}`)
  if (r.discarded) lines.push(`the stored range was dropped and proven again: ${r.discarded}`)
  lines.push(
    r.proven.length === 0
      ? 'nothing new to prove: the whole range came from the state dir'
      : `proven now: ${r.proven.map((p) => `blocks ${p.fromBlock}-${p.toBlock} (${p.headers} headers, ${p.bloomMatches} read whole, ${p.falsePositives} bloom false positives, ${p.balanceProofs} balance proofs)`).join('; ')}`,
  )
  return lines.join('\n')
}
