import type { BlockSelector, VerifiedExecutionHeader, VerifiedHeaderSource } from '../execution/types.ts'
import type { RpcClient } from './createRpcClient.ts'
import type { VerifiedCache } from './createVerifiedCache.ts'

export type JsonRpcRequest = { method: string; params?: readonly unknown[] }

export type JsonRpcOutcome = { result: unknown } | { error: { code: number; message: string; data?: unknown } }

/** What the client knows about one provider. */
export type ProviderHealth = {
  url: string
  /** Set once the provider served data that failed verification; a faulty provider is not asked again. */
  faulty: boolean
  /** Why it was marked faulty (the verification error's message). */
  faultReason: string | undefined
  /** The class of that verification error (what the UI and the CLI switch on). */
  faultName: string | undefined
  successes: number
  failures: number
  consecutiveFailures: number
  lastError: string | undefined
  /** The class of the last failure (RateLimitedError, BlockedByBrowserError, HttpStatusError...). */
  lastErrorName: string | undefined
  /** Latency of the last successful exchange, in ms. */
  lastLatencyMs: number | undefined
  /** Methods it answered with -32601 (method not found): asked of other providers instead. */
  unsupportedMethods: string[]
  /** After an HTTP 429, the client clock time before which it is asked only when no other provider is left. */
  rateLimitedUntil: number | undefined
  /** The largest batch it answered whole, once it refused or cut one short (undefined: no limit seen). */
  maxBatch: number | undefined
}

/** What every verified method handler gets. */
export type HandlerContext = {
  client: RpcClient
  headers: VerifiedHeaderSource
  chainId: number
  /** EVM rules for local calls on chains without a known schedule (default 'prague'). */
  hardfork?: string
  /** The verified header for a block selector (ancestors found by following verified parent hashes). */
  getHeader(block: BlockSelector): Promise<VerifiedExecutionHeader>
  /** Verified reads kept per block hash (repeated reads at one block make no request); none: every read is fetched. */
  cache?: VerifiedCache
}

/** Answers one JSON-RPC method with verified data, in JSON-RPC encoding. */
export type MethodHandler = (args: { params: readonly unknown[]; context: HandlerContext }) => Promise<unknown>
