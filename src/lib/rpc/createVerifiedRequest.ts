import type { VerifiedHeaderSource } from '../execution/types.ts'
import { type RpcClient, createRpcClient } from './createRpcClient.ts'
import { createHeaderResolver } from './createHeaderResolver.ts'
import { type VerifiedCache, createVerifiedCache } from './createVerifiedCache.ts'
import { MethodNotVerifiableError } from './errors.ts'
import { methodHandlers } from './methodHandlers.ts'
import { type ReadEvidence, recordEvidence } from './recordEvidence.ts'
import type { HandlerContext, MethodHandler } from './types.ts'

export type CreateVerifiedRequestParameters = {
  headers: VerifiedHeaderSource
  /** Untrusted RPC endpoints (or a ready client, e.g. shared between transports). */
  rpcs: readonly string[] | RpcClient
  chainId: number
  /** EVM rules for eth_call on chains other than mainnet and Sepolia (default 'prague'). */
  hardfork?: string
  /** Methods that may be passed to the RPC unverified (e.g. 'eth_gasPrice'); each such answer is reported to onUnverified. */
  allowUnverified?: readonly string[]
  onUnverified?: (event: { method: string; params: readonly unknown[] }) => void
  timeout?: number
  maxResponseBytes?: number
  maxAncestors?: number
  fetch?: typeof globalThis.fetch
  /** Extra or replacement handlers (e.g. the EVM-backed eth_call). */
  handlers?: Record<string, MethodHandler>
  /** Verified reads per block hash (default: a new bounded cache; `false`: none, every read is fetched). */
  cache?: VerifiedCache | false
}

export type VerifiedRequest = (args: { method: string; params?: readonly unknown[] | object }) => Promise<unknown>
/** A verified request that also returns what its answer rests on (headers, proofs, who answered, who was refused). */
export type VerifiedRequestWithEvidence = (args: { method: string; params?: readonly unknown[] | object }) => Promise<{ result: unknown; evidence: ReadEvidence }>
/** A recording context for verified work done outside the handler table (a transaction preview, a history range). */
export type RecordRead = (options?: { keepResults?: boolean }) => ReturnType<typeof recordEvidence>

/** An EIP-1193 style `request` that answers only with verified data (see methodHandlers). */
export function createVerifiedRequest({
  headers,
  rpcs,
  chainId,
  hardfork,
  allowUnverified = [],
  onUnverified,
  timeout,
  maxResponseBytes,
  maxAncestors,
  fetch,
  handlers,
  cache = createVerifiedCache(),
}: CreateVerifiedRequestParameters): { request: VerifiedRequest; requestWithEvidence: VerifiedRequestWithEvidence; recordRead: RecordRead; client: RpcClient } {
  const client = Array.isArray(rpcs) ? createRpcClient({ urls: rpcs as readonly string[], timeout, maxResponseBytes, fetch }) : (rpcs as RpcClient)
  const context: HandlerContext = { client, headers, chainId, hardfork, getHeader: createHeaderResolver({ headers, client, maxAncestors }), cache: cache || undefined }
  const table = { ...methodHandlers, ...handlers }
  const listOf = (params: readonly unknown[] | object | undefined) => (Array.isArray(params) ? params : params === undefined ? [] : [params])
  const request: VerifiedRequest = async ({ method, params }) => {
    const list = listOf(params)
    const handler = table[method]
    if (handler) return handler({ params: list, context })
    if (!allowUnverified.includes(method)) throw new MethodNotVerifiableError({ method })
    onUnverified?.({ method, params: list })
    return client.request({ method, params: list })
  }
  // Only verified methods have evidence: an unverified pass-through has nothing to show.
  const requestWithEvidence: VerifiedRequestWithEvidence = async ({ method, params }) => {
    const handler = table[method]
    if (!handler) throw new MethodNotVerifiableError({ method })
    const recorded = recordEvidence(context)
    const result = await handler({ params: listOf(params), context: recorded.context })
    return { result, evidence: recorded.evidence }
  }
  const recordRead: RecordRead = (options) => recordEvidence(context, options)
  return { request, requestWithEvidence, recordRead, client }
}
