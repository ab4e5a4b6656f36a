import { describeEnsCall } from '../ens/describeEnsCall.ts'
import { revertReason } from '../execution/previewTransaction.ts'
import { decodeFeedCalls } from '../prices/decodeFeedCalls.ts'
import type { BundleCall, BundleClaim } from './types.ts'

/** A bundle's claim in plain words (one line; a list of calls one per line) (the CLI's verify-bundle and the app's "Verify a proof" print the same). */
export function describeClaim(c: BundleClaim): string {
  switch (c.kind) {
    case 'balance': return `balance of ${c.address}: ${c.wei} wei`
    case 'nonce': return `nonce of ${c.address}: ${c.nonce}`
    case 'code': return `code of ${c.address}: ${c.size} bytes, code hash ${c.codeHash}`
    case 'block': return `block ${c.number} ${c.hash}: state root ${c.stateRoot}, receipts root ${c.receiptsRoot}`
    case 'receipt': return `receipt of ${c.transactionHash}: status ${c.status}, cumulative gas ${BigInt(c.cumulativeGasUsed)}, ${c.logs} log(s)${c.transactionIndex !== undefined ? `, index ${BigInt(c.transactionIndex)} in its block` : ''}`
    case 'call': return describeCall(c)
    case 'preview': return describePreview(c)
    case 'calls': {
      // A Chainlink feed's two reads say so as the price the app shows, decoded from the proven calls and results.
      const price = decodeFeedCalls(c.calls)
      const words = price && `USD price from the Chainlink feed ${price.feed}: ${price.usd} per unit (answer ${price.answer} at ${price.decimals} decimals, round ${price.roundId}, updated ${new Date(price.updatedAt * 1000).toISOString()}), if ${price.feed} is the feed you mean`
      return [...(words ? [words] : []), `${c.calls.length} call(s) at the one block:`, ...c.calls.map((call, i) => `  ${i + 1}. ${describeCall(call)}`)].join('\n')
    }
  }
}

function describeCall(c: BundleCall): string {
  const data = String(c.call.data ?? c.call.input ?? '0x')
  // An ENS lookup says so in ENS words, read from the proven call and result (never from a label in the file).
  const ens = describeEnsCall({ data: data as `0x${string}`, result: c.result })
  return `call to ${String(c.call.to)} with data ${data}${c.call.from ? ` from ${String(c.call.from)}` : ''}: returned ${c.result}${ens ? ` (${ens}, if ${String(c.call.to)} is your network's Universal Resolver)` : ''}`
}

function describePreview(c: Extract<BundleClaim, { kind: 'preview' }>): string {
  const t = c.transaction
  const head = `preview of a transaction from ${String(t.from)} to ${String(t.to ?? '(a new contract)')}${t.value ? `, value ${BigInt(String(t.value))} wei` : ''}${t.data && t.data !== '0x' ? `, data ${String(t.data)}` : ''}`
  if (c.reverted) return `${head}: it would revert (${revertReason('revert', c.reverted.data)})${c.delegationChanges.length ? `; ${c.delegationChanges.map(delegationWords).join('; ')}` : ''}`
  const rows = [
    ...c.changes.map((x) => `  ${x.address}: ${x.asset === 'ETH' ? 'ETH' : `token ${x.asset}`} ${x.before} -> ${x.after} (${signed(BigInt(x.after) - BigInt(x.before))}${x.asset === 'ETH' ? ' wei' : ' units'})`),
    ...c.approvals.map((a) => `  approval on ${a.token}: ${a.spender} may ${'value' in a ? `spend ${a.value} units` : 'tokenId' in a ? `move token ${a.tokenId}` : a.approvedForAll ? 'move all tokens' : 'no longer move all tokens'} of ${a.owner}`),
    ...c.delegationChanges.map((d) => `  ${delegationWords(d)}`),
  ]
  return [`${head}: ${rows.length === 0 ? 'no balance changes' : `${c.changes.length} balance change(s)${c.approvals.length ? `, ${c.approvals.length} approval(s)` : ''}`} (the fee not included)`, ...rows].join('\n')
}

const signed = (n: bigint) => (n < 0n ? `${n}` : `+${n}`)
const delegationWords = (d: { address: string; before: string | null; after: string | null }) =>
  `${d.address}: EIP-7702 delegation ${d.before ?? 'none'} -> ${d.after ?? 'none'}`
