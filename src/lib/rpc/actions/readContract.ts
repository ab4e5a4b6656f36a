import { type Abi, type BaseError, type Client, type ContractFunctionArgs, type ContractFunctionName, type ReadContractParameters, type ReadContractReturnType, decodeFunctionResult, encodeFunctionData, getContractError } from 'viem'
import { call } from './call.ts'
import type { VerifiedCallParameters } from './VerifiedCallParameters.ts'

/**
 * viem's `readContract` (encode, call, decode; errors through getContractError, which decodes a
 * revert's reason or custom error against the ABI) over this client's own `call`: viem's imports
 * its `call`, and with it the code that `call` leaves out. It takes viem's parameters; the call
 * options `call` does not know are refused there.
 */
export async function readContract<const abi extends Abi | readonly unknown[], functionName extends ContractFunctionName<abi, 'pure' | 'view'>, const args extends ContractFunctionArgs<abi, 'pure' | 'view', functionName>>(
  client: Client,
  parameters: ReadContractParameters<abi, functionName, args>,
): Promise<ReadContractReturnType<abi, functionName, args>> {
  const { abi, address, args, functionName, ...rest } = parameters as ReadContractParameters
  const data = encodeFunctionData({ abi, args, functionName })
  try {
    const { data: result } = await call(client, { ...(rest as VerifiedCallParameters), data, to: address })
    return decodeFunctionResult({ abi, args, functionName, data: result || '0x' }) as ReadContractReturnType<abi, functionName, args>
  } catch (error) {
    throw getContractError(error as BaseError, { abi, address, args, docsPath: '/docs/contract/readContract', functionName })
  }
}
