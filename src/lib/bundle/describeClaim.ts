import type { BundleClaim } from './types.ts'

/** A bundle's claim in one line of plain words (the CLI's verify-bundle and the app's "Verify a proof" print the same). */
export function describeClaim(c: BundleClaim): string {
  switch (c.kind) {
    case 'balance': return `balance of ${c.address}: ${c.wei} wei`
    case 'nonce': return `nonce of ${c.address}: ${c.nonce}`
    case 'code': return `code of ${c.address}: ${c.size} bytes, code hash ${c.codeHash}`
    case 'block': return `block ${c.number} ${c.hash}: state root ${c.stateRoot}, receipts root ${c.receiptsRoot}`
    case 'receipt': return `receipt of ${c.transactionHash}: status ${c.status}, cumulative gas ${BigInt(c.cumulativeGasUsed)}, ${c.logs} log(s)${c.transactionIndex !== undefined ? `, index ${BigInt(c.transactionIndex)} in its block` : ''}`
    case 'call': return `call to ${String(c.call.to)} with data ${String(c.call.data ?? c.call.input ?? '0x')}${c.call.from ? ` from ${String(c.call.from)}` : ''}: returned ${c.result}`
  }
}
