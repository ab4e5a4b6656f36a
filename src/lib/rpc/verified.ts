import { type Transport, type TransportConfig, createTransport } from 'viem'
import { type CreateVerifiedRequestParameters, createVerifiedRequest } from './createVerifiedRequest.ts'

export type VerifiedTransportParameters = CreateVerifiedRequestParameters & { key?: string; name?: string }

/**
 * A viem transport whose answers are verified against the light client's headers:
 * `createPublicClient({ chain, transport: verified({ headers, rpcs, chainId }) })`.
 * Retries are done by the multi-provider client (failover), so viem's own retries are off.
 */
export function verified(parameters: VerifiedTransportParameters): Transport<'verified'> {
  const { key = 'verified', name = 'Verified RPC' } = parameters
  let instance: ReturnType<typeof createVerifiedRequest> | undefined
  return () => {
    instance ??= createVerifiedRequest(parameters)
    const { request } = instance
    const config: TransportConfig<'verified'> = { key, name, type: 'verified', retryCount: 0, request: request as never }
    return createTransport(config)
  }
}
