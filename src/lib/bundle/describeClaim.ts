import { describeEnsCall } from '../ens/describeEnsCall.ts'
import type { BundleClaim } from './types.ts'

/** A bundle's claim in one line of plain words (the CLI's verify-bundle and the app's "Verify a proof" print the same). */
export function describeClaim(c: BundleClaim): string {
  switch (c.kind) {
    case 'balance': return `balance of ${c.address}: ${c.wei} wei`
    case 'nonce': return `nonce of ${c.address}: ${c.nonce}`
    case 'code': return `code of ${c.address}: ${c.size} bytes, code hash ${c.codeHash}`
    case 'block': return `block ${c.number} ${c.hash}: state root ${c.stateRoot}, receipts root ${c.receiptsRoot}`
    case 'receipt': return `receipt of ${c.transactionHash}: status ${c.status}, cumulative gas ${BigInt(c.cumulativeGasUsed)}, ${c.logs} log(s)${c.transactionIndex !== undefined ? `, index ${BigInt(c.transactionIndex)} in its block` : ''}`
    case 'call': {
      const data = String(c.call.data ?? c.call.input ?? '0x')
      // An ENS lookup says so in ENS words, read from the proven call and result (never from a label in the file).
      const ens = describeEnsCall({ data: data as `0x${string}`, result: c.result })
      return `call to ${String(c.call.to)} with data ${data}${c.call.from ? ` from ${String(c.call.from)}` : ''}: returned ${c.result}${ens ? ` (${ens}, if ${String(c.call.to)} is your network's Universal Resolver)` : ''}`
    }
  }
}
