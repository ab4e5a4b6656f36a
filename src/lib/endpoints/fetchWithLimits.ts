import { BaseError } from '../errors.ts'
import { BlockedByBrowserError, type EndpointKind, HttpStatusError, NetworkError, RateLimitedError, RequestTimeoutError, ResponseTooLargeError } from './errors.ts'
import { readBodyWithLimit } from './readBodyWithLimit.ts'

export type FetchWithLimitsParameters = {
  url: string
  /** Named in the errors' sentences. */
  kind?: EndpointKind
  /** Covers connecting, headers and the whole body. */
  timeoutMs: number
  maxBytes: number
  fetch?: typeof fetch
  signal?: AbortSignal
  /** Default GET; a JSON-RPC exchange POSTs its body. */
  method?: 'GET' | 'POST'
  body?: string
  /** Default JSON only; the light client also offers SSZ (`application/octet-stream`). */
  accept?: string
}

/** A 2xx answer (any other status is thrown as its error); `body` is read whole, within `maxBytes`. */
export type FetchWithLimitsReturnType = { status: number; headers: Headers; body: Uint8Array }

/** What of an error answer's body is kept as its details (never more: it explains, it is not data). */
const ERROR_BODY_BYTES = 4096

/**
 * One HTTP exchange with an untrusted endpoint, with a deadline and a body-size cap, streaming
 * the body so an enormous answer is cut off instead of buffered. Every way it can fail is its own
 * error (timeout, unreachable or cut, blocked by CORS, HTTP status, 429 with its Retry-After, too
 * large). Runs on plain `fetch` (browser and Node).
 */
export async function fetchWithLimits({
  url, kind, timeoutMs, maxBytes, fetch: fetchFn = globalThis.fetch, signal, method = 'GET', body, accept = 'application/json',
}: FetchWithLimitsParameters): Promise<FetchWithLimitsReturnType> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onAbort = () => controller.abort()
  signal?.addEventListener('abort', onAbort)
  let response: Response | undefined
  try {
    const headers: Record<string, string> = { accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }
    response = await fetchFn(url, { method, headers, body, signal: controller.signal })
    if (response.status === 429) {
      await response.body?.cancel().catch(() => {})
      throw new RateLimitedError({ url, kind, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) })
    }
    if (!response.ok) {
      const excerpt = await readBodyWithLimit({ response, maxBytes: ERROR_BODY_BYTES, controller, tooLarge: () => new ResponseTooLargeError({ url, kind, limit: ERROR_BODY_BYTES }) })
        .then((bytes) => new TextDecoder().decode(bytes), () => '')
      throw new HttpStatusError({ url, kind, status: response.status, body: excerpt })
    }
    const bytes = await readBodyWithLimit({ response, maxBytes, controller, tooLarge: () => new ResponseTooLargeError({ url, kind, limit: maxBytes }) })
    return { status: response.status, headers: response.headers, body: bytes }
  } catch (error) {
    if (timedOut) throw new RequestTimeoutError({ url, kind, timeoutMs })
    if (error instanceof BaseError) throw error
    if (!response && error instanceof TypeError && (await isBlockedByBrowser(url, fetchFn))) throw new BlockedByBrowserError({ url, kind, cause: error })
    throw new NetworkError({ url, kind, phase: response ? 'body' : 'connect', cause: error })
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

/** Retry-After as seconds or an HTTP date; 1 s when absent or unreadable, at most 60 s. */
function retryAfterMs(header: string | null): number {
  const seconds = Number(header)
  const ms = header === null || header.trim() === '' ? 1000 : Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now()
  return Math.min(60_000, Math.max(0, Number.isFinite(ms) ? ms : 1000))
}

/**
 * In a browser a CORS refusal and an unreachable server throw the same bare TypeError. A no-cors
 * request (an opaque answer we cannot read) tells them apart: it succeeds only when the server
 * answered. Outside a browser there is no CORS, so no probe.
 */
async function isBlockedByBrowser(url: string, fetchFn: typeof globalThis.fetch): Promise<boolean> {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin
  if (typeof origin !== 'string' || origin === 'null' || new URL(url).origin === origin) return false
  try {
    await fetchFn(url, { method: 'GET', mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(5_000) })
    return true
  } catch {
    return false
  }
}
