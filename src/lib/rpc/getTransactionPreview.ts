import type { Abi } from 'viem'
import type { CallRequest, SignedAuthorization } from '../execution/createVerifiedEvm.ts'
import type { PreviewTransactionReturnType } from '../execution/previewTransaction.ts'
import type { Address, BlockSelector, VerifiedHeaderSource } from '../execution/types.ts'
import type { RpcClient } from './createRpcClient.ts'
import { createHeaderResolver } from './createHeaderResolver.ts'
import { prepareVerifiedCall } from './prepareVerifiedCall.ts'
import { toPreviewCall } from './toPreviewCall.ts'
import type { HandlerContext } from './types.ts'

export type GetTransactionPreviewParameters = {
  headers: VerifiedHeaderSource
  client: RpcClient
  chainId: number
  hardfork?: string
  /** The verified block to preview on (default: the light client's optimistic head). */
  block?: BlockSelector
  /** `authorizationList`: EIP-7702 signed authorizations (the transaction is then type 4). */
  /** The user's ABI for the called contract (decodes its custom errors). */
  abi?: Abi
  transaction: { from: Address; to?: Address | null; value?: bigint; data?: `0x${string}`; gas?: bigint; authorizationList?: SignedAuthorization[] }
}

/**
 * The balance-change preview of a transaction at a verified block, over an untrusted RPC: the
 * block's header is checked against its verified hash and the RPC's access list is only a
 * prefetch hint (see prepareVerifiedCall), then previewTransaction runs it in a fresh local EVM.
 */
export async function getTransactionPreview({ headers, client, chainId, hardfork, block = 'latest', transaction, abi }: GetTransactionPreviewParameters): Promise<PreviewTransactionReturnType> {
  const context: HandlerContext = { client, headers, chainId, hardfork, getHeader: createHeaderResolver({ headers, client }) }
  const { from, authorizationList } = transaction
  const prepared = await prepareVerifiedCall({ context, params: [toPreviewCall(transaction), typeof block === 'bigint' ? `0x${block.toString(16)}` : block], method: 'eth_call' })
  const { previewTransaction } = await import('../execution/previewTransaction.ts')
  return previewTransaction({ ...prepared, abi, transaction: { ...(prepared.call as CallRequest), from, ...(authorizationList?.length && { authorizationList }) } })
}
