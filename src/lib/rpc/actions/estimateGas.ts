import { type BaseError, type Client, assertRequest, formatTransactionRequest, numberToHex } from 'viem'
import { getEstimateGasError, parseAccount } from 'viem/utils'
import { type VerifiedCallParameters, assertVerifiedCallParameters } from './VerifiedCallParameters.ts'

/**
 * eth_estimateGas as viem's `estimateGas` sends it for an address account, with viem's errors
 * (getEstimateGasError). viem's action first runs prepareTransactionRequest, which for an address
 * account fills only blob hashes (never sent here): that step and its fee, nonce and blob code
 * are left out.
 */
export async function estimateGas(client: Client, parameters: VerifiedCallParameters): Promise<bigint> {
  assertVerifiedCallParameters(parameters, 'estimateGas')
  const { account: account_, blockNumber, blockTag, ...request } = parameters
  const account = account_ ? parseAccount(account_) : undefined
  try {
    assertRequest({ ...request, account })
    const block = typeof blockNumber === 'bigint' ? numberToHex(blockNumber) : blockTag
    const formatted = formatTransactionRequest({ ...request, account }, 'estimateGas')
    return BigInt((await client.request({ method: 'eth_estimateGas', params: block ? [formatted, block] : [formatted] })) as string)
  } catch (error) {
    throw getEstimateGasError(error as BaseError, { ...request, account, chain: client.chain })
  }
}
