import { type Address, type Transport, decodeFunctionResult, encodeFunctionData, namehash, trim } from 'viem'
import { normalize } from 'viem/ens'
import { type OffchainPolicy, createEnsClient } from './createEnsClient.ts'
import { EnsNameInvalidError, EnsOffchainRefusedError } from './errors.ts'
import { resolveEnsRecord } from './resolveEnsRecord.ts'
import { addressResolverAbi } from './universalResolverAbi.ts'

export type ResolveEnsNameParameters = {
  /** the verified transport (eth_call runs locally over proven state) */
  transport: Transport
  universalResolverAddress: Address
  /** as typed; normalized here (ENSIP-15) */
  name: string
  /** the verified block to resolve at */
  blockNumber: bigint
  offchain: OffchainPolicy
}

export type EnsResolution = {
  /** the normalized name */
  name: string
  /** null: the name has no resolver or no address record */
  address: Address | null
  /** set when the answer came through a CCIP-read gateway: then it is not verified by the chain */
  offchain?: { gateways: string[] }
}

/** ENSIP-15 normalization through viem (throws EnsNameInvalidError with its reason). */
export function normalizeEnsName(input: string): string {
  try {
    return normalize(input.trim())
  } catch (error) {
    throw new EnsNameInvalidError({ input, reason: (error as Error).message.split('\n')[0]! })
  }
}

/**
 * name -> address through the Universal Resolver at a verified block (what viem's getEnsAddress
 * does, over the verified transport and the verified client's own `call`). Offchain answers are
 * refused (EnsOffchainRefusedError) or returned marked with their gateways' hosts.
 */
export async function resolveEnsName(params: ResolveEnsNameParameters): Promise<EnsResolution> {
  const name = normalizeEnsName(params.name)
  const ens = createEnsClient({ transport: params.transport, offchain: params.offchain })
  let address: Address | null
  try {
    const answer = await resolveEnsRecord(ens, {
      name, universalResolverAddress: params.universalResolverAddress, blockNumber: params.blockNumber,
      data: encodeFunctionData({ abi: addressResolverAbi, functionName: 'addr', args: [namehash(name)] }),
    })
    const decoded = answer === null ? null : decodeFunctionResult({ abi: addressResolverAbi, functionName: 'addr', data: answer })
    // An unset record reads as the zero address: no address, as in viem's getEnsAddress.
    address = decoded === null || trim(decoded) === '0x00' ? null : decoded
  } catch (error) {
    if (ens.refused()) throw new EnsOffchainRefusedError({ input: name, gateways: [...ens.gateways] })
    throw error
  }
  if (ens.refused()) throw new EnsOffchainRefusedError({ input: name, gateways: [...ens.gateways] })
  return { name, address, ...(ens.gateways.size > 0 && { offchain: { gateways: [...ens.gateways] } }) }
}
