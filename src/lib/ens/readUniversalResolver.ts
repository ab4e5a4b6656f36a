import { type Abi, type Address, type BaseError, type ContractFunctionArgs, type ContractFunctionName, type ContractFunctionReturnType, decodeFunctionResult, encodeFunctionData, getContractError, offchainLookupSignature } from 'viem'
import { call } from '../rpc/actions/call.ts'
import type { EnsClient } from './createEnsClient.ts'
import { offchainLookup, revertDataOf } from './offchainLookup.ts'

export type ReadUniversalResolverParameters<abi extends Abi, functionName extends ContractFunctionName<abi, 'view'>, args extends ContractFunctionArgs<abi, 'view', functionName>> = {
  address: Address
  abi: abi
  functionName: functionName
  args: args
  blockNumber: bigint
}

/**
 * What viem's `readContract` does for its ENS actions, over the verified client's own `call`:
 * encode, call, and on an OffchainLookup revert (EIP-3668) ask the gateways through `ens.request`
 * (recorded, and refused when the policy says so) and run the contract's callback; decode, and
 * errors through getContractError, so the Universal Resolver's custom errors are decoded as before.
 */
export async function readUniversalResolver<const abi extends Abi, functionName extends ContractFunctionName<abi, 'view'>, const args extends ContractFunctionArgs<abi, 'view', functionName>>(
  ens: EnsClient,
  { address, abi, functionName, args, blockNumber }: ReadUniversalResolverParameters<abi, functionName, args>,
): Promise<ContractFunctionReturnType<abi, 'view', functionName, args>> {
  const data = encodeFunctionData({ abi, functionName, args } as never)
  try {
    const result = await call(ens.client, { to: address, data, blockNumber }).then(
      (answer) => answer.data,
      async (error) => {
        const revert = revertDataOf(error)
        if (revert?.slice(0, 10) !== offchainLookupSignature) throw error
        return offchainLookup(ens.client, { data: revert, to: address, blockNumber, ccipRequest: ens.request })
      },
    )
    return decodeFunctionResult({ abi, functionName, args, data: result || '0x' } as never) as ContractFunctionReturnType<abi, 'view', functionName, args>
  } catch (error) {
    throw getContractError(error as BaseError, { abi, address, args: args as readonly unknown[], docsPath: '/docs/contract/readContract', functionName })
  }
}
