import { BaseError, type BaseErrorParameters } from '../errors.ts'
import { hostOf } from '../hostOf.ts'

/** What an endpoint is, in sentences ("The RPC at …"); errors thrown outside a pool may not know. */
export type EndpointKind = 'beacon API' | 'RPC'

type At = { url: string; kind?: EndpointKind }

/**
 * One failure at one untrusted endpoint, whatever it serves (viem's `HttpRequestError` family):
 * `url` is what was asked, `kind` what it is. The subclasses differ by the evidence they carry.
 */
export abstract class EndpointError extends BaseError {
  url: string
  kind: EndpointKind | undefined
  constructor({ url, kind }: At, sentence: string, opts?: BaseErrorParameters) {
    super(`The ${kind ?? 'endpoint'} at ${url} ${sentence}`, opts)
    this.url = url
    this.kind = kind
  }
}

/** No answer within the per-request timeout (connecting, headers and the whole body). */
export class RequestTimeoutError extends EndpointError {
  override name = 'RequestTimeoutError' as const
  timeoutMs: number
  constructor({ timeoutMs, ...at }: At & { timeoutMs: number }) {
    super(at, `did not answer within ${timeoutMs} ms.`)
    this.timeoutMs = timeoutMs
  }
}

/** The connection failed (`phase: 'connect'`) or broke off mid-answer (`'body'`). */
export class NetworkError extends EndpointError {
  override name = 'NetworkError' as const
  phase: 'connect' | 'body'
  constructor({ phase = 'connect', cause, ...at }: At & { phase?: 'connect' | 'body'; cause?: unknown }) {
    super(at, phase === 'connect' ? 'could not be reached.' : 'broke off the connection mid-answer.', { cause, details: (cause as Error)?.message })
    this.phase = phase
  }
}

/**
 * In a browser, the request failed without any answer: the server is reachable (a no-cors probe
 * got through) but does not allow this origin (no CORS headers), so the browser hid its answer.
 */
export class BlockedByBrowserError extends EndpointError {
  override name = 'BlockedByBrowserError' as const
  host: string
  constructor({ cause, ...at }: At & { cause?: unknown }) {
    const host = hostOf(at.url)
    super({ ...at, url: host }, 'was blocked by the browser (CORS): it answers, but does not allow this page\'s origin.', {
      cause,
      metaMessages: [`Use ${at.kind === 'RPC' ? 'an RPC' : 'an endpoint'} that sends Access-Control-Allow-Origin (most public ones do), or your own node with CORS enabled.`],
    })
    this.url = at.url
    this.host = host
  }
}

/** An HTTP error status; `body` is the start of what came with it. */
export class HttpStatusError extends EndpointError {
  override name = 'HttpStatusError' as const
  status: number
  constructor({ status, body, ...at }: At & { status: number; body?: string }) {
    super(at, `answered HTTP ${status}.`, { details: body?.slice(0, 200) || undefined })
    this.status = status
  }
}

/** HTTP 429: the endpoint asks us to slow down. Not a fault: the pool backs it off until `retryAfterMs` has passed. */
export class RateLimitedError extends EndpointError {
  override name = 'RateLimitedError' as const
  retryAfterMs: number
  constructor({ retryAfterMs, ...at }: At & { retryAfterMs: number }) {
    super(at, `is rate-limiting us (HTTP 429); it is not asked again for ${Math.ceil(retryAfterMs / 1000)} s.`)
    this.retryAfterMs = retryAfterMs
  }
}

/** The answer was larger than allowed: cut off while streaming, never buffered whole. */
export class ResponseTooLargeError extends EndpointError {
  override name = 'ResponseTooLargeError' as const
  limit: number
  constructor({ limit, ...at }: At & { limit: number }) {
    super(at, `sent more than ${limit} bytes; the answer was dropped.`)
    this.limit = limit
  }
}

/** Garbage: not JSON, wrong types, missing fields; `excerpt` is the start of the answer when it helps. */
export class MalformedResponseError extends EndpointError {
  override name = 'MalformedResponseError' as const
  excerpt: string | undefined
  constructor({ reason, body, cause, ...at }: At & { reason: string; body?: string; cause?: unknown }) {
    const excerpt = body === undefined ? undefined : body.length > 200 ? `${body.slice(0, 200)}…` : body
    super(at, `answered with malformed data: ${reason}`, { cause, metaMessages: excerpt === undefined ? undefined : [`answer: ${excerpt}`] })
    this.excerpt = excerpt
  }
}

/**
 * Served data that fails verification against what is trusted: proof that the endpoint lies or is
 * broken, so the pool marks it faulty. The verifiers are pure and never see a URL; the pool
 * names the endpoint with `blame` (each family keeps its field: `endpoint` or `url`).
 */
export abstract class ProvenFaultError extends BaseError {
  readonly provesFault = true as const
  abstract blame(endpoint: string): this
}

export function isProvenFaultError(error: unknown): error is ProvenFaultError {
  return error instanceof ProvenFaultError
}

/** One endpoint's failure in a pool request; `provenAt` marks a proof of fault caught earlier at that route (the endpoint was not asked again). */
export type EndpointFailure = { endpoint: string; error: unknown; provenAt?: string }

/**
 * Every endpoint of a pool failed for one request (`path`: the route or method asked). `errors`
 * holds each one's failure, including the earlier proof against endpoints no longer asked
 * because they were caught lying: a forgery reads as a forgery, not as an outage.
 */
export class AllEndpointsFailedError extends BaseError {
  override name = 'AllEndpointsFailedError' as const
  path: string
  kind: EndpointKind | undefined
  errors: EndpointFailure[]
  constructor({ path, errors, kind = 'beacon API' }: { path: string; errors: EndpointFailure[]; kind?: EndpointKind }) {
    const forged = errors.length > 0 && errors.every((e) => isProvenFaultError(e.error))
    const who = errors.length === 1 ? 'the only one' : 'every one'
    super(`No ${kind} could serve ${path}${forged ? `: ${who} was caught serving data that fails verification` : ''}.`, {
      metaMessages: errors.map(({ endpoint, error, provenAt }) =>
        `${endpoint}: ${error instanceof BaseError ? error.shortMessage : String((error as Error)?.message ?? error)}${provenAt ? ` (caught at ${provenAt}; not asked again)` : ''}`),
      cause: errors.at(-1)?.error,
    })
    this.path = path
    this.kind = kind
    this.errors = errors
  }
}
