import { hexToBigInt } from 'viem'
import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { RpcReceipt } from '../lib/execution/types.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { createVerifiedRequest } from '../lib/rpc/createVerifiedRequest.ts'
import { ReceiptNotFoundError } from './errors.ts'
import { type VerifiedAgainst, pinHeader } from './verifiedAgainst.ts'
import { writeProofBundleFile } from './writeProofBundleFile.ts'
import { provableHeaderSource } from '../lib/bundle/provableHeaderSource.ts'

export type FetchVerifiedReceiptReturnType = { kind: 'receipt'; hash: string; receipt: RpcReceipt; verifiedAgainst: VerifiedAgainst; bundle?: string }

/**
 * A transaction's receipt through the verified eth_getTransactionReceipt handler: the block is
 * checked against a verified hash, its transactions against the transactions root (hash → index),
 * all of its receipts against the receipts root; every field comes from verified data.
 */
export async function fetchVerifiedReceipt({ client, rpc, hash, chainId, bundle, cwd }: { client: LightClient; rpc: RpcClient; hash: `0x${string}`; chainId: number; bundle?: string; cwd?: string }): Promise<FetchVerifiedReceiptReturnType> {
  // A bundle can only rest on a head whose update the client kept (see provableHeaderSource).
  const headers = bundle ? provableHeaderSource({ headers: client, isProvable: (h) => client.headEvidence(h) !== undefined }) : client
  const { request, requestWithEvidence } = createVerifiedRequest({ headers, rpcs: rpc, chainId })
  const args = { method: 'eth_getTransactionReceipt', params: [hash] }
  const answer = bundle ? await requestWithEvidence(args) : { result: await request(args), evidence: undefined }
  const receipt = answer.result as RpcReceipt | null
  // Unknown to the providers, or mined after the verified head: absence is not verifiable.
  if (!receipt) throw new ReceiptNotFoundError({ hash })
  // The block it was verified against, for the report (a head, or reached through verified parent hashes).
  const { against } = await pinHeader({ client, rpc, block: hexToBigInt(receipt.blockNumber) })
  const result: FetchVerifiedReceiptReturnType = { kind: 'receipt', hash, receipt, verifiedAgainst: against }
  if (!bundle || !answer.evidence) return result
  const claim = { kind: 'receipt' as const, transactionHash: hash, status: (receipt.status ?? null) as `0x${string}` | null, cumulativeGasUsed: receipt.cumulativeGasUsed, logs: receipt.logs.length, transactionIndex: receipt.transactionIndex }
  return { ...result, bundle: await writeProofBundleFile({ path: bundle, cwd: cwd ?? process.cwd(), client, chainId, evidence: answer.evidence, claim }) }
}
