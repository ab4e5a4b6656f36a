import { BaseError } from '../errors.ts'
import { VerificationError } from '../execution/errors.ts'
import { hostOf } from '../hostOf.ts'

/** The provider did not answer within the timeout. */
export class RpcTimeoutError extends BaseError {
  override name = 'RpcTimeoutError' as const
  url: string
  timeout: number
  constructor({ url, timeout }: { url: string; timeout: number }) {
    super(`The RPC at ${url} did not answer within ${timeout} ms.`)
    this.url = url
    this.timeout = timeout
  }
}

/** The provider answered with more bytes than allowed. */
export class RpcResponseTooLargeError extends BaseError {
  override name = 'RpcResponseTooLargeError' as const
  url: string
  limit: number
  constructor({ url, limit }: { url: string; limit: number }) {
    super(`The RPC at ${url} sent more than ${limit} bytes; the answer was dropped.`)
    this.url = url
    this.limit = limit
  }
}

/** The provider could not be reached or answered with an HTTP error. */
export class RpcHttpError extends BaseError {
  override name = 'RpcHttpError' as const
  url: string
  status: number | undefined
  constructor({ url, status, cause }: { url: string; status?: number; cause?: unknown }) {
    super(status ? `The RPC at ${url} answered HTTP ${status}.` : `The RPC at ${url} could not be reached.`, {
      cause,
      details: cause instanceof Error ? cause.message : undefined,
    })
    this.url = url
    this.status = status
  }
}

/** HTTP 429: the provider asks us to slow down. Not a fault: it is backed off until `retryAfterMs` has passed. */
export class RpcRateLimitedError extends BaseError {
  override name = 'RpcRateLimitedError' as const
  url: string
  retryAfterMs: number
  constructor({ url, retryAfterMs }: { url: string; retryAfterMs: number }) {
    super(`The RPC at ${url} is rate-limiting us (HTTP 429); it is not asked again for ${Math.ceil(retryAfterMs / 1000)} s.`)
    this.url = url
    this.retryAfterMs = retryAfterMs
  }
}

/**
 * In a browser, the request failed without any answer: the server is reachable (a no-cors probe
 * got through) but does not allow this origin (no CORS headers), so the browser hid its answer.
 */
export class RpcBlockedByBrowserError extends BaseError {
  override name = 'RpcBlockedByBrowserError' as const
  url: string
  host: string
  constructor({ url, cause }: { url: string; cause?: unknown }) {
    const host = hostOf(url)
    super(`The RPC at ${host} was blocked by the browser (CORS): it answers, but does not allow this page's origin.`, {
      cause,
      metaMessages: ['Use an RPC that sends Access-Control-Allow-Origin (most public ones do), or your own node with CORS enabled.'],
    })
    this.url = url
    this.host = host
  }
}

/** A batch was refused (one error object, HTTP 400/413) or cut short (answers missing): the client splits it. */
export class RpcBatchRefusedError extends BaseError {
  override name = 'RpcBatchRefusedError' as const
  url: string
  requested: number
  /** How many answers came back (0 when the batch was refused outright). */
  answered: number
  constructor({ url, requested, answered, reason }: { url: string; requested: number; answered: number; reason: string }) {
    super(`The RPC at ${url} did not answer a batch of ${requested} requests: ${reason}.`)
    this.url = url
    this.requested = requested
    this.answered = answered
  }
}

/** The provider does not offer this method (JSON-RPC -32601): not a fault; the next provider is asked. */
export class RpcMethodUnsupportedError extends BaseError {
  override name = 'RpcMethodUnsupportedError' as const
  url: string
  method: string
  constructor({ url, method }: { url: string; method: string }) {
    super(`The RPC at ${url} does not support ${method}; other providers are asked for it.`)
    this.url = url
    this.method = method
  }
}

/** The provider's answer is not valid JSON-RPC (garbage, wrong ids, missing result). */
export class RpcInvalidResponseError extends BaseError {
  override name = 'RpcInvalidResponseError' as const
  url: string
  excerpt: string
  constructor({ url, reason, body }: { url: string; reason: string; body: string }) {
    const excerpt = body.length > 200 ? `${body.slice(0, 200)}…` : body
    super(`The RPC at ${url} sent an invalid JSON-RPC answer: ${reason}.`, { metaMessages: [`answer: ${excerpt}`] })
    this.url = url
    this.excerpt = excerpt
  }
}

/** The provider answered with a JSON-RPC error object. */
export class RpcResponseError extends BaseError {
  override name = 'RpcResponseError' as const
  url: string
  method: string
  code: number
  data: unknown
  constructor({ url, method, code, message, data }: { url: string; method: string; code: number; message: string; data?: unknown }) {
    super(`${method} failed at ${url}: ${message} (code ${code}).`)
    this.url = url
    this.method = method
    this.code = code
    this.data = data
  }
}

/**
 * Every provider failed (or was marked faulty); `errors` holds each provider's failure, and the
 * earlier proof against each faulty one (a VerificationError naming its `url`).
 */
export class AllProvidersFailedError extends BaseError {
  override name = 'AllProvidersFailedError' as const
  method: string
  errors: Error[]
  constructor({ method, errors }: { method: string; errors: Error[] }) {
    const lied = errors.length > 0 && errors.every((e) => e instanceof VerificationError)
    const who = errors.length === 1 ? 'the only one' : 'every one'
    super(
      errors.length === 0 ? `No usable RPC provider is left for ${method}: all are marked faulty.`
        : lied ? `No honest RPC provider is left for ${method}: ${who} served data that failed verification.`
        : `All RPC providers failed for ${method}.`,
      { metaMessages: errors.map(describe), cause: errors[0] },
    )
    this.method = method
    this.errors = errors
  }
}


/**
 * "header not found", "unknown block"...: the provider has not seen (or does not serve) the block
 * it was asked about, typically the newest one when it runs a block or two behind the light client.
 */
export function isBlockUnavailable(error: unknown): boolean {
  const e = error as { name?: string; message?: string; errors?: unknown[]; cause?: unknown }
  if (e?.name === 'RpcResponseError') return /header not found|unknown block|block not found|not found: block|no such block/i.test(e.message ?? '')
  if (e?.name === 'AllProvidersFailedError') return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isBlockUnavailable)
  // viem wraps what a transport throws (UnknownRpcError and others): the provider's error is its cause.
  return e?.cause !== undefined && e.cause !== error && isBlockUnavailable(e.cause)
}

function describe(e: Error): string {
  const text = (e as BaseError).shortMessage ?? e.message
  const url = (e as { url?: unknown }).url
  return `- ${e.name}: ${text}${typeof url === 'string' && !text.includes(url) ? ` (${url})` : ''}`
}

/** The method cannot be verified and the caller did not allow unverified answers for it. */
export class MethodNotVerifiableError extends BaseError {
  override name = 'MethodNotVerifiableError' as const
  method: string
  constructor({ method }: { method: string }) {
    super(`${method} cannot be verified, so it is refused.`, {
      metaMessages: [`Pass allowUnverified: ['${method}'] to accept an unverified answer from the RPC.`],
    })
    this.method = method
  }
}

/** The requested block cannot be verified (unknown tag, too old, or not reachable from a verified head). */
export class BlockNotVerifiableError extends BaseError {
  override name = 'BlockNotVerifiableError' as const
  block: string
  constructor({ block, reason }: { block: string; reason: string }) {
    super(`Block ${block} cannot be verified: ${reason}.`)
    this.block = block
  }
}

/** The call parameters are malformed. */
export class InvalidParamsError extends BaseError {
  override name = 'InvalidParamsError' as const
  method: string
  constructor({ method, reason }: { method: string; reason: string }) {
    super(`Invalid parameters for ${method}: ${reason}.`)
    this.method = method
  }
}

/** The call reverted (or failed) in the local EVM; `data` is the revert data, `code` 3 as in geth. */
export class CallRevertedError extends BaseError {
  override name = 'CallRevertedError' as const
  code = 3
  data: `0x${string}`
  reason: string
  constructor({ reason, data }: { reason: string; data: `0x${string}` }) {
    super(`execution reverted: ${reason} (verified locally)`)
    this.reason = reason
    this.data = data
  }
}
