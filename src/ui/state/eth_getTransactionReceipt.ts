import type { Hex } from 'viem'
import type { RpcReceipt } from '../../lib/execution/types.ts'
import { verifyReceipts } from '../../lib/execution/verifyReceipts.ts'
import { RpcInvalidResponseError } from '../../lib/rpc/errors.ts'
import type { MethodHandler } from '../../lib/rpc/types.ts'

/**
 * eth_getTransactionReceipt, verified: the provider only says which block holds the transaction;
 * the block's receipts are fetched in full and their trie root is checked against the verified
 * header, so a receipt cannot be forged or claimed falsely. A provider that says "not mined"
 * can only delay the answer (another provider is asked on the next refresh).
 *
 * Lives here until src/lib/rpc has its own handler (its table has none yet); it plugs into the
 * verified transport through its `handlers` option.
 */
export const eth_getTransactionReceipt: MethodHandler = async ({ params: [hash], context }) => {
  const claimed = await context.client.request<RpcReceipt | null>({ method: 'eth_getTransactionReceipt', params: [hash] })
  if (claimed === null || claimed === undefined) return null
  if (typeof claimed !== 'object' || typeof claimed.blockNumber !== 'string')
    throw new RpcInvalidResponseError({ url: 'eth_getTransactionReceipt', reason: 'the receipt has no block number', body: JSON.stringify(claimed) })
  const header = await context.getHeader(BigInt(claimed.blockNumber))
  const receipts = await context.client.request<RpcReceipt[]>({ method: 'eth_getBlockReceipts', params: [claimed.blockNumber] }, async (result) => {
    if (!Array.isArray(result)) throw new RpcInvalidResponseError({ url: 'eth_getBlockReceipts', reason: 'expected an array of receipts', body: JSON.stringify(result).slice(0, 200) })
    return verifyReceipts({ receipts: result as RpcReceipt[], receiptsRoot: header.receiptsRoot, blockHash: header.blockHash, blockNumber: header.number })
  })
  const receipt = receipts.find((r) => r.transactionHash.toLowerCase() === String(hash).toLowerCase())
  // The verified block does not hold it: the claim was false (or a reorg); report "not yet".
  if (!receipt) return null
  return { ...receipt, from: claimed.from, to: claimed.to, effectiveGasPrice: claimed.effectiveGasPrice, contractAddress: claimed.contractAddress ?? null } as RpcReceipt & { transactionHash: Hex }
}
