import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { getTransactionPreview } from '../lib/rpc/getTransactionPreview.ts'
import type { SimulateReport } from './formatSimulate.ts'
import type { CliOptions } from './parseCliArgs.ts'
import { pinHeader } from './verifiedAgainst.ts'

export type SimulateVerifiedParameters = { options: CliOptions; client: LightClient; rpc: RpcClient; chainId: number }

/** `simulate`: the balance-change preview at one pinned verified block (values as decimal strings in base units). */
export async function simulateVerified({ options, client, rpc, chainId }: SimulateVerifiedParameters): Promise<SimulateReport> {
  const { against, headers } = await pinHeader({ client, rpc, block: options.block })
  const { to, data, from, value } = options.call!
  const p = await getTransactionPreview({ headers, client: rpc, chainId, block: BigInt(against.blockNumber), transaction: { from: from!, to, data, value } })
  const dec = (n: bigint) => n.toString()
  return {
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
