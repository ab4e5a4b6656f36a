import { HttpStatusError, MalformedResponseError } from '../endpoints/errors.ts'
import { fetchWithLimits } from '../endpoints/fetchWithLimits.ts'
import { RpcBatchRefusedError } from './errors.ts'
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
 * request order. The exchange itself (timeout, size limit, HTTP errors, 429) is the endpoint
 * layer's `fetchWithLimits`; what is JSON-RPC's (ids, batches, error objects) is here.
 */
export async function fetchJsonRpc({
  url,
  requests,
  timeout,
  maxResponseBytes,
  fetch = globalThis.fetch,
}: FetchJsonRpcParameters): Promise<FetchJsonRpcReturnType> {
  const bodies = requests.map(({ method, params }) => ({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }))
  let text: string
  try {
    const { body } = await fetchWithLimits({
      url, kind: 'RPC', method: 'POST', body: JSON.stringify(bodies.length === 1 ? bodies[0] : bodies), timeoutMs: timeout, maxBytes: maxResponseBytes, fetch,
    })
    text = new TextDecoder().decode(body)
  } catch (error) {
    // Providers that cap or refuse batches often say so with 400 or 413 for the batch as a whole.
    if (error instanceof HttpStatusError && bodies.length > 1 && (error.status === 400 || error.status === 413))
      throw new RpcBatchRefusedError({ url, requested: bodies.length, answered: 0, reason: `HTTP ${error.status}` })
    throw error
  }
  return parseOutcomes({ url, text, ids: bodies.map((b) => b.id) })
}

function parseOutcomes({ url, text, ids }: { url: string; text: string; ids: number[] }): JsonRpcOutcome[] {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new MalformedResponseError({ url, kind: 'RPC', reason: 'not JSON', body: text })
  }
  const items = ids.length === 1 && !Array.isArray(json) ? [json] : json
  // A batch answered with one object is a refusal ("batch not supported", "too many requests in batch").
  if (!Array.isArray(items)) throw new RpcBatchRefusedError({ url, requested: ids.length, answered: 0, reason: `answered with one object (${text.slice(0, 120)})` })
  const byId = new Map<unknown, Record<string, unknown>>()
  for (const item of items) {
    if (typeof item !== 'object' || item === null) throw new MalformedResponseError({ url, kind: 'RPC', reason: 'an item is not an object', body: text })
    byId.set((item as { id?: unknown }).id, item as Record<string, unknown>)
  }
  const missing = ids.filter((id) => !byId.has(id))
  // A batch cut short (a cap on its size): what came back is kept by the caller's next, smaller batches.
  if (ids.length > 1 && missing.length > 0 && missing.length < ids.length && items.length < ids.length)
    throw new RpcBatchRefusedError({ url, requested: ids.length, answered: ids.length - missing.length, reason: `only ${ids.length - missing.length} answers came back` })
  return ids.map((id) => {
    const item = byId.get(id)
    if (!item) throw new MalformedResponseError({ url, kind: 'RPC', reason: `no answer for request id ${id}`, body: text })
    if ('error' in item && item.error) {
      const error = item.error as { code?: unknown; message?: unknown; data?: unknown }
      return { error: { code: Number(error.code ?? -32603), message: String(error.message ?? 'unknown error'), data: error.data } }
    }
    if (!('result' in item)) throw new MalformedResponseError({ url, kind: 'RPC', reason: `no result for request id ${id}`, body: text })
    return { result: item.result }
  })
}
