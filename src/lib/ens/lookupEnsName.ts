import type { Address, Transport } from 'viem'
import { normalize } from 'viem/ens'
import { type EnsClient, type OffchainPolicy, createEnsClient } from './createEnsClient.ts'
import { EnsOffchainRefusedError } from './errors.ts'
import { isNullUniversalResolverError } from './isNullUniversalResolverError.ts'
import { localBatchGatewayUrl } from './localBatchGatewayRequest.ts'
import { readUniversalResolver } from './readUniversalResolver.ts'
import { universalResolverReverseAbi } from './universalResolverAbi.ts'

export type LookupEnsNameParameters = {
  transport: Transport
  universalResolverAddress: Address
  address: Address
  blockNumber: bigint
  offchain: OffchainPolicy
}

export type EnsPrimaryName = {
  address: Address
  /** null: no primary name, or one that does not resolve back to the address */
  name: string | null
  offchain?: { gateways: string[] }
}

/**
 * address -> primary name (ENSIP-3/19). The Universal Resolver checks it forward (the name must
 * resolve back to the address, else ReverseAddressMismatch: no name, as viem's getEnsName reads
 * it), all inside the verified eth_call. A name that is not in ENSIP-15 normal form is not shown:
 * it could imitate another name.
 */
export async function lookupEnsName(params: LookupEnsNameParameters): Promise<EnsPrimaryName> {
  const ens = createEnsClient({ transport: params.transport, offchain: params.offchain })
  let name: string | null
  try {
    name = await reverseWithGateways(ens, params)
  } catch (error) {
    if (ens.refused()) throw new EnsOffchainRefusedError({ input: params.address, gateways: [...ens.gateways] })
    throw error
  }
  if (ens.refused()) throw new EnsOffchainRefusedError({ input: params.address, gateways: [...ens.gateways] })
  if (name !== null && !isNormalized(name)) name = null
  return { address: params.address, name, ...(ens.gateways.size > 0 && { offchain: { gateways: [...ens.gateways] } }) }
}

/** The primary name for ETH (coin type 60), as viem's getEnsName asks it; null for none. */
async function reverseWithGateways(ens: EnsClient, { address, universalResolverAddress, blockNumber }: LookupEnsNameParameters): Promise<string | null> {
  try {
    const [name] = await readUniversalResolver(ens, {
      address: universalResolverAddress, abi: universalResolverReverseAbi, functionName: 'reverseWithGateways', blockNumber,
      args: [address, 60n, [localBatchGatewayUrl]],
    })
    return name || null
  } catch (error) {
    if (isNullUniversalResolverError(error)) return null
    throw error
  }
}

function isNormalized(name: string): boolean {
  try {
    return normalize(name) === name
  } catch {
    return false
  }
}
