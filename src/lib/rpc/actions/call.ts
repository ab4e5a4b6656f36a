import { type BaseError, type CallReturnType, type Client, type Hex, assertRequest, formatTransactionRequest, numberToHex } from 'viem'
import { getCallError, parseAccount } from 'viem/utils'
import { type VerifiedCallParameters, assertVerifiedCallParameters } from './VerifiedCallParameters.ts'

/**
 * eth_call as viem's `call` sends it, with viem's errors (getCallError: a revert is a
 * CallExecutionError whose cause carries the revert data), and nothing else of viem's action:
 * its deployless-call and multicall bytecodes and batching are for calls this client never makes,
 * and its CCIP-read (EIP-3668) would fetch a contract's answer from a gateway, which no light
 * client can verify (an OffchainLookup revert stays a revert here; ENS lookups follow it in
 * src/lib/ens/readUniversalResolver.ts, where each gateway is seen and can be refused).
 */
export async function call(client: Client, parameters: VerifiedCallParameters): Promise<CallReturnType> {
  assertVerifiedCallParameters(parameters, 'call')
  const { account: account_, blockNumber, blockTag = 'latest', ...request } = parameters
  const account = account_ ? parseAccount(account_) : undefined
  try {
    assertRequest({ ...request, account })
    const block = typeof blockNumber === 'bigint' ? numberToHex(blockNumber) : blockTag
    const data = (await client.request({ method: 'eth_call', params: [formatTransactionRequest({ ...request, account }, 'call'), block] })) as Hex
    return { data: data === '0x' ? undefined : data }
  } catch (error) {
    throw getCallError(error as BaseError, { ...request, account, chain: client.chain })
  }
}
