import { type Client, type Transport, ccipRequest, createClient } from 'viem'
import { hostOf } from '../hostOf.ts'
import { EnsOffchainRefusedError } from './errors.ts'

export type OffchainPolicy = 'refuse' | 'allow'

export type EnsClient = {
  client: Client
  /** hosts of every CCIP-read gateway a lookup was sent to, or would have been when refused */
  gateways: Set<string>
  /** whether a gateway request was refused (the policy said so) */
  refused: () => boolean
}

/**
 * A bare viem client (no public actions bound to another client) over `transport` for one ENS
 * lookup, whose CCIP-read (EIP-3668) requests are seen here: every gateway is recorded, and with
 * `refuse` none is contacted, so an offchain answer can never pass for a chain fact. Contracts
 * still run over the transport (verified state); only the gateway's bytes are unverifiable.
 */
export function createEnsClient({ transport, offchain }: { transport: Transport; offchain: OffchainPolicy }): EnsClient {
  const gateways = new Set<string>()
  let refused = false
  const client = createClient({
    transport,
    ccipRead: {
      async request(parameters) {
        for (const url of parameters.urls) gateways.add(hostOf(url))
        if (offchain === 'refuse') {
          refused = true
          // Thrown inside viem's batch-gateway handling, which turns it into a failed query; the
          // caller learns of the refusal from `refused()`, not from what the contract makes of it.
          throw new EnsOffchainRefusedError({ input: parameters.sender, gateways: [...gateways] })
        }
        return ccipRequest(parameters)
      },
    },
  })
  return { client, gateways, refused: () => refused }
}
