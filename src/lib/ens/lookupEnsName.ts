import type { Address, Transport } from 'viem'
import { getEnsName } from 'viem/actions'
import { normalize } from 'viem/ens'
import { type OffchainPolicy, createEnsClient } from './createEnsClient.ts'
import { EnsOffchainRefusedError } from './errors.ts'

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
 * resolve back to the address, else ReverseAddressMismatch, which viem reads as "no name"), all
 * inside the verified eth_call. A name that is not in ENSIP-15 normal form is not shown: it could
 * imitate another name.
 */
export async function lookupEnsName(params: LookupEnsNameParameters): Promise<EnsPrimaryName> {
  const ens = createEnsClient({ transport: params.transport, offchain: params.offchain })
  let name: string | null
  try {
    name = await getEnsName(ens.client, { address: params.address, universalResolverAddress: params.universalResolverAddress, blockNumber: params.blockNumber })
  } catch (error) {
    if (ens.refused()) throw new EnsOffchainRefusedError({ input: params.address, gateways: [...ens.gateways] })
    throw error
  }
  if (ens.refused()) throw new EnsOffchainRefusedError({ input: params.address, gateways: [...ens.gateways] })
  if (name !== null && !isNormalized(name)) name = null
  return { address: params.address, name, ...(ens.gateways.size > 0 && { offchain: { gateways: [...ens.gateways] } }) }
}

function isNormalized(name: string): boolean {
  try {
    return normalize(name) === name
  } catch {
    return false
  }
}
