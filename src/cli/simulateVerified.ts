import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { getTransactionPreview } from '../lib/rpc/getTransactionPreview.ts'
import type { SimulateReport } from './formatSimulate.ts'
import type { CliOptions } from './parseCliArgs.ts'
import { pinHeader } from './verifiedAgainst.ts'
import { writeProofBundleFile } from './writeProofBundleFile.ts'
import { createVerifiedRequest } from '../lib/rpc/createVerifiedRequest.ts'
import { provableHeaderSource } from '../lib/bundle/provableHeaderSource.ts'
import { toPreviewCall } from '../lib/rpc/toPreviewCall.ts'
import { toPreviewOutcome } from '../lib/bundle/toPreviewOutcome.ts'

/** `cwd`: the base of a relative --bundle path. */
export type SimulateVerifiedParameters = { options: CliOptions; client: LightClient; rpc: RpcClient; chainId: number; cwd: string }

/**
 * `simulate`: the balance-change preview at one pinned verified block (values as decimal strings in
 * base units). With --bundle the run is recorded (every proof the EVM asked for, from a head the
 * light client can prove) and written as a preview bundle, checked first as verify-bundle would.
 */
export async function simulateVerified({ options, client, rpc, chainId, cwd }: SimulateVerifiedParameters): Promise<SimulateReport & { bundle?: string }> {
  const { against, headers } = await pinHeader({ client, rpc, block: options.block })
  const { to, data, from, value } = options.call!
  const transaction = { from: from!, to, data, value }
  const block = BigInt(against.blockNumber)
  const recorded = options.bundle
    ? createVerifiedRequest({ headers: provableHeaderSource({ headers: client, isProvable: (hash) => client.headEvidence(hash) !== undefined }), rpcs: rpc, chainId }).recordRead()
    : undefined
  const p = await getTransactionPreview({ headers: recorded?.context.headers ?? headers, client: recorded?.context.client ?? rpc, chainId, block, transaction })
  const bundle = recorded && await writeProofBundleFile({
    path: options.bundle!, cwd, client, chainId, evidence: recorded.evidence,
    header: await recorded.context.getHeader(block),
    claim: { kind: 'preview', transaction: toPreviewCall(transaction), ...toPreviewOutcome(p) },
  })
  const dec = (n: bigint) => n.toString()
  return {
    ...(bundle && { bundle }),
    kind: 'simulate',
    from: from!,
    to,
    value: dec(value ?? 0n),
    data,
    reverted: p.reverted,
    changes: p.changes.map((c) => ({ address: c.address, asset: c.asset, before: dec(c.before), after: dec(c.after), delta: dec(c.delta) })),
    approvals: p.approvals.map((a) => ({
      token: a.token,
      owner: a.owner,
      spender: a.spender,
      ...('value' in a ? { value: dec(a.value) } : 'tokenId' in a ? { tokenId: dec(a.tokenId) } : { approvedForAll: a.approvedForAll }),
    })),
    delegations: p.delegations,
    logs: p.logs,
    gasUsed: dec(p.gasUsed),
    verifiedAgainst: against,
  }
}
