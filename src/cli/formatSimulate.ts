import type { VerifiedAgainst } from './verifiedAgainst.ts'

export type SimulateReport = {
  kind: 'simulate'
  from: string
  to: string
  value: string
  data: string
  reverted: false | { reason: string; data: string }
  /** Decimal strings in base units; asset 'ETH' or the token's address. Fees are not included. */
  changes: { address: string; asset: string; before: string; after: string; delta: string }[]
  approvals: ({ token: string; owner: string; spender: string } & ({ value: string } | { tokenId: string } | { approvedForAll: boolean }))[]
  delegations: { address: string; delegate: string; when: 'before' | 'after' }[]
  logs: { address: string; topics: string[]; data: string }[]
  gasUsed: string
  verifiedAgainst: VerifiedAgainst
}

/** The preview as the terminal shows it: what the transaction would do, before anything is signed. */
export function formatSimulate(r: SimulateReport): string {
  const lines = [`simulated ${r.from} -> ${r.to}${r.value === '0' ? '' : ` value ${r.value} wei`}: ${r.reverted ? `REVERTS: ${r.reverted.reason}` : 'succeeds'}, gas used ${r.gasUsed} (fees not included below)`]
  for (const d of r.delegations) lines.push(`  EIP-7702: ${d.address} ${d.when === 'before' ? 'is delegated' : 'would be delegated'} to ${d.delegate}`)
  if (!r.reverted) {
    if (r.changes.length === 0) lines.push('  no balance changes')
    for (const c of r.changes) {
      const sign = c.delta.startsWith('-') ? '' : '+'
      lines.push(`  ${c.address}  ${sign}${c.delta} ${c.asset === 'ETH' ? 'wei' : `of token ${c.asset}`}  (${c.before} -> ${c.after})`)
    }
    for (const a of r.approvals) {
      const what = 'value' in a ? `may spend ${a.value}` : 'tokenId' in a ? `may transfer token id ${a.tokenId}` : a.approvedForAll ? 'may transfer all tokens' : 'may no longer transfer all tokens'
      lines.push(`  approval: ${a.spender} ${what} of ${a.owner}'s ${a.token}`)
    }
    lines.push(`  ${r.logs.length} log(s)`)
  }
  return lines.join('\n')
}
