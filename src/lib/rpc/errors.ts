import { BaseError } from '../errors.ts'
import { VerificationError } from '../execution/errors.ts'

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
