import { type Client, type Transport, ccipRequest, createClient } from 'viem'
import { hostOf } from '../hostOf.ts'
import { EnsOffchainRefusedError } from './errors.ts'
import type { CcipRequest } from './localBatchGatewayRequest.ts'

export type OffchainPolicy = 'refuse' | 'allow'

export type EnsClient = {
  client: Client
  /** every CCIP-read gateway request of the lookup goes through here (readUniversalResolver) */
  request: CcipRequest
  /** hosts of every CCIP-read gateway a lookup was sent to, or would have been when refused */
  gateways: Set<string>
  /** whether a gateway request was refused (the policy said so) */
  refused: () => boolean
}

/**
 * A bare viem client over `transport` for one ENS lookup, and the one way its CCIP-read (EIP-3668)
 * requests go out, seen here: every gateway is recorded, and with `refuse` none is contacted, so
 * an offchain answer can never pass for a chain fact. Contracts still run over the transport
 * (verified state); only the gateway's bytes are unverifiable.
 */
export function createEnsClient({ transport, offchain }: { transport: Transport; offchain: OffchainPolicy }): EnsClient {
  const gateways = new Set<string>()
  let refused = false
  const request: CcipRequest = async (parameters) => {
    for (const url of parameters.urls) gateways.add(hostOf(url))
    if (offchain === 'refuse') {
      refused = true
      // Thrown inside the batch gateway (localBatchGatewayRequest), which turns it into a failed
      // query; the caller learns of the refusal from `refused()`, not from what the contract makes of it.
      throw new EnsOffchainRefusedError({ input: parameters.sender, gateways: [...gateways] })
    }
    return ccipRequest(parameters)
  }
  return { client: createClient({ transport }), request, gateways, refused: () => refused }
}
