import type { PreviewTransactionReturnType } from '../execution/previewTransaction.ts'
import type { Hex } from '../execution/types.ts'
import type { PreviewOutcome } from './types.ts'

const lower = (a: string) => a.toLowerCase() as Hex
const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)

/**
 * What a preview shows, in a bundle's words (decimal strings, lower-case addresses, a fixed row
 * order): the app writes a claim with it, and the verifier turns its own re-run into the same
 * form, so a claim compares with the proven outcome as a whole.
 */
export function toPreviewOutcome(p: Pick<PreviewTransactionReturnType, 'reverted' | 'changes' | 'approvals' | 'delegationChanges'>): PreviewOutcome {
  return {
    reverted: p.reverted ? { data: lower(p.reverted.data) } : false,
    changes: p.changes
      .map((c) => ({ address: lower(c.address), asset: c.asset === 'ETH' ? ('ETH' as const) : lower(c.asset), before: c.before.toString(), after: c.after.toString() }))
      .sort(byKey((c) => `${c.address}/${c.asset}`)),
    approvals: p.approvals
      .map((a) => ({
        token: lower(a.token), owner: lower(a.owner), spender: lower(a.spender),
        ...('value' in a ? { value: a.value.toString() } : 'tokenId' in a ? { tokenId: a.tokenId.toString() } : { approvedForAll: a.approvedForAll }),
      }))
      .sort(byKey((a) => `${a.token}/${a.owner}/${a.spender}/${JSON.stringify(a)}`)),
    delegationChanges: p.delegationChanges
      .map((d) => ({ address: lower(d.address), before: d.before ? lower(d.before) : null, after: d.after ? lower(d.after) : null }))
      .sort(byKey((d) => d.address)),
  }
}
