import { readBodyWithLimit } from '../readBodyWithLimit.ts'
import { RpcHttpError, RpcInvalidResponseError, RpcResponseTooLargeError, RpcTimeoutError } from './errors.ts'
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
      throw new RpcHttpError({ url, status: response.status })
    }
    text = await readBodyWithLimit({ response, maxBytes: maxResponseBytes, controller, tooLarge: () => new RpcResponseTooLargeError({ url, limit: maxResponseBytes }) })
  } catch (error) {
    if (timedOut) throw new RpcTimeoutError({ url, timeout })
    if (error instanceof RpcHttpError || error instanceof RpcResponseTooLargeError) throw error
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
  if (!Array.isArray(items)) throw new RpcInvalidResponseError({ url, reason: 'a batch was answered with a single object', body: text })
  const byId = new Map<unknown, Record<string, unknown>>()
  for (const item of items) {
    if (typeof item !== 'object' || item === null) throw new RpcInvalidResponseError({ url, reason: 'an item is not an object', body: text })
    byId.set((item as { id?: unknown }).id, item as Record<string, unknown>)
  }
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
