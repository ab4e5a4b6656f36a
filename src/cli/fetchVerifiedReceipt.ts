import { hexToBigInt } from 'viem'
import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { RpcReceipt } from '../lib/execution/types.ts'
import type { RpcClient } from '../lib/rpc/createRpcClient.ts'
import { createVerifiedRequest } from '../lib/rpc/createVerifiedRequest.ts'
import { ReceiptNotFoundError } from './errors.ts'
import { type VerifiedAgainst, pinHeader } from './verifiedAgainst.ts'

export type FetchVerifiedReceiptReturnType = { kind: 'receipt'; hash: string; receipt: RpcReceipt; verifiedAgainst: VerifiedAgainst }

/**
 * A transaction's receipt through the verified eth_getTransactionReceipt handler: the block is
 * checked against a verified hash, its transactions against the transactions root (hash → index),
 * all of its receipts against the receipts root; every field comes from verified data.
 */
export async function fetchVerifiedReceipt({ client, rpc, hash, chainId }: { client: LightClient; rpc: RpcClient; hash: `0x${string}`; chainId: number }): Promise<FetchVerifiedReceiptReturnType> {
  const { request } = createVerifiedRequest({ headers: client, rpcs: rpc, chainId })
  const receipt = (await request({ method: 'eth_getTransactionReceipt', params: [hash] })) as RpcReceipt | null
  // Unknown to the providers, or mined after the verified head: absence is not verifiable.
  if (!receipt) throw new ReceiptNotFoundError({ hash })
  // The block it was verified against, for the report (a head, or reached through verified parent hashes).
  const { against } = await pinHeader({ client, rpc, block: hexToBigInt(receipt.blockNumber) })
  return { kind: 'receipt', hash, receipt, verifiedAgainst: against }
}
