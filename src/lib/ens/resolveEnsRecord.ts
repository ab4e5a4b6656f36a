import { type Address, type Hex, toHex } from 'viem'
import { packetToBytes } from 'viem/ens'
import type { EnsClient } from './createEnsClient.ts'
import { isNullUniversalResolverError } from './isNullUniversalResolverError.ts'
import { localBatchGatewayUrl } from './localBatchGatewayRequest.ts'
import { readUniversalResolver } from './readUniversalResolver.ts'
import { universalResolverResolveAbi } from './universalResolverAbi.ts'

export type ResolveEnsRecordParameters = {
  universalResolverAddress: Address
  /** normalized (ENSIP-15) */
  name: string
  /** the resolver profile's call, e.g. `addr(namehash(name))` */
  data: Hex
  blockNumber: bigint
}

/**
 * The name's resolver's answer to `data` through the Universal Resolver's `resolveWithGateways`
 * (ENSIP-10, offchain resolvers through the local batch gateway), as viem's getEnsAddress and
 * getEnsText ask it; null where they return null: an empty answer, or an error that means "no
 * resolver / no record" (isNullUniversalResolverError).
 */
export async function resolveEnsRecord(ens: EnsClient, { universalResolverAddress, name, data, blockNumber }: ResolveEnsRecordParameters): Promise<Hex | null> {
  try {
    const [answer] = await readUniversalResolver(ens, {
      address: universalResolverAddress, abi: universalResolverResolveAbi, functionName: 'resolveWithGateways', blockNumber,
      args: [toHex(packetToBytes(name)), data, [localBatchGatewayUrl]],
    })
    return answer === '0x' ? null : answer
  } catch (error) {
    if (isNullUniversalResolverError(error)) return null
    throw error
  }
}

