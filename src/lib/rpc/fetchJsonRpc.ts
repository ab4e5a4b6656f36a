import { readBodyWithLimit } from '../readBodyWithLimit.ts'
import {
  RpcBatchRefusedError, RpcBlockedByBrowserError, RpcHttpError, RpcInvalidResponseError, RpcRateLimitedError, RpcResponseTooLargeError, RpcTimeoutError,
} from './errors.ts'
import type { JsonRpcOutcome, JsonRpcRequest } from './types.ts'

export type FetchJsonRpcParameters = {
  url: string
  requests: JsonRpcRequest[]
  timeout: number
  maxResponseBytes: number
  fetch?: typeof globalThis.fetch
}
export type FetchJsonRpcReturnType = JsonRpcOutcome[]

let nextId = 1

/**
 * Sends one JSON-RPC request (or a batch when there are several) and returns the outcomes in
 * request order. Enforces the timeout on the whole exchange and the size limit while reading.
 */
export async function fetchJsonRpc({
  url,
  requests,
  timeout,
  maxResponseBytes,
  fetch = globalThis.fetch,
}: FetchJsonRpcParameters): Promise<FetchJsonRpcReturnType> {
  const bodies = requests.map(({ method, params }) => ({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }))
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeout)
  let text: string
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bodies.length === 1 ? bodies[0] : bodies),
      signal: controller.signal,
    })
    if (!response.ok) {
      await response.body?.cancel().catch(() => {})
      if (response.status === 429) throw new RpcRateLimitedError({ url, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) })
      // Providers that cap or refuse batches often say so with 400 or 413 for the batch as a whole.
      if (bodies.length > 1 && (response.status === 400 || response.status === 413))
        throw new RpcBatchRefusedError({ url, requested: bodies.length, answered: 0, reason: `HTTP ${response.status}` })
      throw new RpcHttpError({ url, status: response.status })
    }
    text = await readBodyWithLimit({ response, maxBytes: maxResponseBytes, controller, tooLarge: () => new RpcResponseTooLargeError({ url, limit: maxResponseBytes }) })
  } catch (error) {
    if (timedOut) throw new RpcTimeoutError({ url, timeout })
    if (error instanceof RpcHttpError || error instanceof RpcResponseTooLargeError || error instanceof RpcRateLimitedError || error instanceof RpcBatchRefusedError) throw error
    if (error instanceof TypeError && (await isBlockedByBrowser(url, fetch))) throw new RpcBlockedByBrowserError({ url, cause: error })
    throw new RpcHttpError({ url, cause: error })
  } finally {
    clearTimeout(timer)
  }
  return parseOutcomes({ url, text, ids: bodies.map((b) => b.id) })
}

function parseOutcomes({ url, text, ids }: { url: string; text: string; ids: number[] }): JsonRpcOutcome[] {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new RpcInvalidResponseError({ url, reason: 'not JSON', body: text })
  }
  const items = ids.length === 1 && !Array.isArray(json) ? [json] : json
  // A batch answered with one object is a refusal ("batch not supported", "too many requests in batch").
  if (!Array.isArray(items)) throw new RpcBatchRefusedError({ url, requested: ids.length, answered: 0, reason: `answered with one object (${text.slice(0, 120)})` })
  const byId = new Map<unknown, Record<string, unknown>>()
  for (const item of items) {
    if (typeof item !== 'object' || item === null) throw new RpcInvalidResponseError({ url, reason: 'an item is not an object', body: text })
    byId.set((item as { id?: unknown }).id, item as Record<string, unknown>)
  }
  const missing = ids.filter((id) => !byId.has(id))
  // A batch cut short (a cap on its size): what came back is kept by the caller's next, smaller batches.
  if (ids.length > 1 && missing.length > 0 && missing.length < ids.length && items.length < ids.length)
    throw new RpcBatchRefusedError({ url, requested: ids.length, answered: ids.length - missing.length, reason: `only ${ids.length - missing.length} answers came back` })
  return ids.map((id) => {
    const item = byId.get(id)
    if (!item) throw new RpcInvalidResponseError({ url, reason: `no answer for request id ${id}`, body: text })
    if ('error' in item && item.error) {
      const error = item.error as { code?: unknown; message?: unknown; data?: unknown }
      return { error: { code: Number(error.code ?? -32603), message: String(error.message ?? 'unknown error'), data: error.data } }
    }
    if (!('result' in item)) throw new RpcInvalidResponseError({ url, reason: `no result for request id ${id}`, body: text })
    return { result: item.result }
  })
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
