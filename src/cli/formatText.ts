import { formatEther, formatGwei, hexToBigInt } from 'viem'
import { formatAge } from '../lib/consensus/formatAge.ts'
import type { HeadDescription, HeadReport } from './describeHead.ts'
import type { FetchVerifiedReceiptReturnType } from './fetchVerifiedReceipt.ts'
import type { SendReport } from './formatSendReview.ts'
import type { ReadVerifiedReturnType } from './readVerified.ts'
import { formatHistory } from './formatHistory.ts'
import type { HistoryReport } from './runHistory.ts'
import { type SimulateReport, formatSimulate } from './formatSimulate.ts'
import { type ResolveReport, formatResolve } from './resolveVerified.ts'
import type { VerifiedAgainst } from './verifiedAgainst.ts'

export type CliResult = ({ kind: 'head' } & HeadReport) | ReadVerifiedReturnType | FetchVerifiedReceiptReturnType | SendReport | SimulateReport | ResolveReport | HistoryReport

/** Human-readable output; `--json` prints the result object itself. */
export function formatText(result: CliResult): string {
  const text = formatResult(result)
  const bundle = (result as { bundle?: string }).bundle
  return bundle ? `${text}\nproof bundle written to ${bundle} (re-check offline: latchkey verify-bundle ${bundle})` : text
}

function formatResult(result: CliResult): string {
  switch (result.kind) {
    case 'head':
      return formatHead(result)
    case 'balance':
      return `${formatEther(BigInt(result.wei))} ETH (${result.wei} wei)\n${against(result.verifiedAgainst)}`
    case 'nonce':
      return `${result.nonce}\n${against(result.verifiedAgainst)}`
    case 'code':
      return `${result.code}\n${result.size} bytes, code hash ${result.codeHash}\n${against(result.verifiedAgainst)}`
    case 'call':
      if (result.calls && !result.reverted) return `${result.calls.map((c) => `${c.data}: ${c.result}`).join('\n')}\n${against(result.verifiedAgainst)} (each executed locally over proven state)`
      return `${result.reverted ? `reverted: ${result.reverted.reason}, data ${result.result}` : result.result}\n${against(result.verifiedAgainst)} (executed locally over proven state)`
    case 'ens':
      return formatResolve(result, against)
    case 'history':
      return `${formatHistory(result)}\n${against(result.verifiedAgainst)}`
    case 'simulate':
      return `${formatSimulate(result)}\n${against(result.verifiedAgainst)} (executed locally over proven state)`
    case 'send': {
      // The review was printed before signing; this is the outcome.
      const w = result.receipt
      if (!w) return `sent ${result.hash} (hash computed locally; not waiting for the receipt)`
      return `transaction ${result.hash}: ${w.status} in block ${w.blockNumber} (${w.blockHash}), gas used ${w.gasUsed ?? '?'}\n${against(w.verifiedAgainst).replace('verified against', 'receipt verified against')}`
    }
    case 'receipt': {
      const r = result.receipt
      const status = r.status === '0x1' ? 'success' : r.status === '0x0' ? 'reverted' : `status ${r.status}`
      return [
        `transaction ${r.transactionHash}: ${status}`,
        `  block ${hexToBigInt(r.blockNumber)} (${r.blockHash}), index ${hexToBigInt(r.transactionIndex)}`,
        `  from ${r.from} to ${r.to ?? '(contract creation)'}`,
        `  gas used ${r.gasUsed === undefined ? '?' : hexToBigInt(r.gasUsed)}, ${r.logs.length} log(s)${r.contractAddress ? `, created ${r.contractAddress}` : ''}`,
        against(result.verifiedAgainst).replace('verified against', 'receipts root verified against'),
      ].join('\n')
    }
  }
}

function against(a: VerifiedAgainst): string {
  const at = a.block === 'number' ? '' : ` (${a.block} head)`
  const fallback = a.fallbackFrom ? `\n  (the RPCs do not serve the latest head, block ${a.fallbackFrom.blockNumber}, yet: answered at the newest verified block they do)` : ''
  return `verified against block ${a.blockNumber} ${a.blockHash}${at}${a.slot === undefined ? '' : `, slot ${a.slot}`}, ${formatAge({ seconds: a.ageSeconds })} ago${fallback}`
}

function formatHead(r: { kind: 'head' } & HeadReport): string {
  const header = (label: string, h: HeadDescription | undefined) => {
    if (!h) return [`${label}  none`]
    const lines = [`${label}  slot ${h.slot} (period ${h.period})  beacon root ${h.beaconRoot}`]
    const e = h.execution
    if (e) {
      lines.push(
        `  block ${e.blockNumber}  hash ${e.blockHash}`,
        `  state root ${e.stateRoot}`,
        `  base fee ${formatGwei(BigInt(e.baseFeePerGas))} gwei  timestamp ${e.timestamp} (${new Date(e.timestamp * 1000).toISOString()}, ${formatAge({ seconds: e.ageSeconds })} ago)`,
      )
    }
    return lines
  }
  const p = r.participation
  return [
    `network     ${r.network} (chain id ${r.chainId}), status ${r.status}, clock at slot ${r.currentSlot}`,
    `freshness   ${r.freshness ? `${r.freshness.state}: the head is ${formatAge({ seconds: r.freshness.ageSeconds })} old (limit ${formatAge({ seconds: r.freshness.limitSeconds })})` : 'no head'}`,
    `checkpoint  ${r.checkpoint ? `${r.checkpoint.root} (${r.checkpoint.source})` : 'none'}`,
    ...header('finalized ', r.finalized),
    ...header('optimistic', r.optimistic),
    `sync period ${r.syncPeriod}, participation ${p ? `${p.participants}/${p.size}` : 'unknown'}`,
    'beacon APIs',
    ...r.endpoints.map((e) => {
      const flags = [e.faulty && `FAULTY (${e.faultsProven} proven)`, e.lagging && 'lagging', e.withholding && 'withholding'].filter(Boolean)
      const health = flags.length ? flags.join(', ') : e.ok ? 'ok' : 'failing'
      const error = e.lastError ? `  last error: ${e.lastError.name}: ${e.lastError.message}` : ''
      return `  ${e.url}  ${health}  ${e.latencyMs ?? '-'} ms  ${e.successes} ok / ${e.failures} failed  head slot ${e.lastHeadSlot ?? '-'}${error}`
    }),
  ].join('\n')
}
