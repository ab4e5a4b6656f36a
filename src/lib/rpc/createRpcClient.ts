import { EndpointPool, type EndpointHealth } from '../endpoints/EndpointPool.ts'
import type { EndpointFailure } from '../endpoints/errors.ts'
import type { VerificationError } from '../execution/errors.ts'
import { AllProvidersFailedError, RpcBatchRefusedError, RpcMethodUnsupportedError, RpcResponseError } from './errors.ts'
import { fetchJsonRpc } from './fetchJsonRpc.ts'
import type { JsonRpcOutcome, JsonRpcRequest, ProviderHealth } from './types.ts'

export type CreateRpcClientParameters = {
  /** Untrusted JSON-RPC endpoints, in order of preference. */
  urls: readonly string[]
  /** Per-exchange timeout in ms (default 10 s). */
  timeout?: number
  /** Largest accepted answer in bytes (default 32 MiB: a full block's receipts fit). */
  maxResponseBytes?: number
  fetch?: typeof globalThis.fetch
  /**
   * When the provider being asked has not settled after this many ms, the next one is asked in
   * parallel and the first answer that verifies wins (default 2000; Infinity turns hedging off).
   */
  hedgeAfter?: number
  /** Clock for latency measurements (injected for tests). */
  now?: () => number
}

/** Called with one provider's results; throws a VerificationError when they do not verify. */
export type Verify<T> = (results: unknown[], url: string) => T | Promise<T>

export type RpcClient = {
  /** Sends the requests as one batch to one provider at a time, failing over until `verify` accepts an answer. */
  batch<T = unknown[]>(requests: JsonRpcRequest[], verify?: Verify<T>): Promise<T>
  /** One request with failover (a batch of one). */
  request<T = unknown>(request: JsonRpcRequest, verify?: (result: unknown, url: string) => T | Promise<T>): Promise<T>
  /** Sends the request to every usable provider at once; resolves with the first success. */
  broadcast<T = unknown>(request: JsonRpcRequest): Promise<T>
  /** A snapshot of every provider's health. */
  providers(): ProviderHealth[]
  /** The first proof against each provider marked faulty (the error names the provider's `url`). */
  provenFaults(): { url: string; error: VerificationError }[]
}

/** What a JSON-RPC provider adds to any endpoint's health: the methods and batch sizes it takes. */
type RpcHealth = {
  unsupportedMethods: string[]
  maxBatch: number | undefined
}

/**
 * A client over several untrusted JSON-RPC providers, on the one endpoint pool: failover on
 * errors, timeouts, garbage and answers that fail verification, hedging, a provider caught serving
 * unverifiable data marked faulty and skipped from then on, HTTP 429 backing a provider off for
 * its Retry-After. What is JSON-RPC's own is here: a refused or truncated batch is split into
 * smaller ones for that provider from then on, a method it does not offer (-32601) is asked
 * elsewhere, and a JSON-RPC error every provider agrees on is the answer.
 */
export function createRpcClient({
  urls,
  timeout = 10_000,
  maxResponseBytes = 32 * 1024 * 1024,
  fetch,
  hedgeAfter = 2000,
  now = () => performance.now(),
}: CreateRpcClientParameters): RpcClient {
  const pool = new EndpointPool<RpcHealth>({ urls, kind: 'RPC', timeoutMs: timeout, now, extra: () => ({ unsupportedMethods: [], maxBatch: undefined }) })
  const health = (url: string) => pool.health.find((p) => p.url === url)!

  const lacks = (p: RpcHealth, requests: JsonRpcRequest[]) => requests.some((r) => p.unsupportedMethods.includes(r.method))
  /** Why providers that lack a method asked were not asked. */
  const unsupported = (requests: JsonRpcRequest[]) =>
    pool.health.filter((p) => !p.faulty && lacks(p, requests)).map((p) =>
      new RpcMethodUnsupportedError({ url: p.url, method: requests.find((r) => p.unsupportedMethods.includes(r.method))!.method }))

  /** The failures of the providers asked, then the proof against each faulty one that was not: a lie caught earlier still reads as a lie. */
  const allFailed = (method: string, errors: Error[], failures: EndpointFailure[]) =>
    new AllProvidersFailedError({ method, errors: [...errors, ...pool.withEarlierProofs(failures).slice(failures.length).map((f) => f.error as Error)] })

  async function exchange(url: string, requests: JsonRpcRequest[]): Promise<unknown[]> {
    const outcomes = await send(url, requests)
    return outcomes.map((outcome, i) => {
      if (!('error' in outcome)) return outcome.result
      const method = requests[i].method
      if (outcome.error.code === -32601) {
        pool.update((all) => { for (const p of all) if (p.url === url && !p.unsupportedMethods.includes(method)) p.unsupportedMethods.push(method) })
        throw new RpcMethodUnsupportedError({ url, method })
      }
      throw new RpcResponseError({ url, method, ...outcome.error })
    })
  }

  /** Sends in batches no larger than the provider takes; a refused or cut batch lowers its limit and is sent again, split. */
  async function send(url: string, requests: JsonRpcRequest[]): Promise<JsonRpcOutcome[]> {
    const limit = health(url).maxBatch ?? requests.length
    if (requests.length > limit) {
      const chunks: JsonRpcRequest[][] = []
      for (let i = 0; i < requests.length; i += limit) chunks.push(requests.slice(i, i + limit))
      return (await Promise.all(chunks.map((chunk) => send(url, chunk)))).flat()
    }
    try {
      return await fetchJsonRpc({ url, requests, timeout, maxResponseBytes, fetch })
    } catch (error) {
      if (!(error instanceof RpcBatchRefusedError) || requests.length === 1) throw error
      const maxBatch = Math.max(1, Math.min(error.answered, requests.length - 1))
      pool.update((all) => { for (const p of all) if (p.url === url) p.maxBatch = maxBatch })
      return send(url, requests)
    }
  }

  async function batch<T>(requests: JsonRpcRequest[], verify?: Verify<T>): Promise<T> {
    const skipped = unsupported(requests)
    const method = requests.map((r) => r.method).join(', ')
    const { value } = await pool.request({
      path: method,
      hedgeAfterMs: hedgeAfter,
      skip: (p) => lacks(p, requests),
      attempt: async (url) => {
        const results = await exchange(url, requests)
        return verify ? verify(results, url) : (results as T)
      },
      allFailed: (failures) => {
        const errors = [...skipped, ...failures.map((f) => f.error as Error)]
        // A JSON-RPC error that every provider asked agrees on (e.g. "nonce too low") is the real answer (viem's `shouldThrow`).
        const answers = errors.filter((e) => !(e instanceof RpcMethodUnsupportedError))
        if (answers.length > 0 && answers.every((e) => e instanceof RpcResponseError)) return answers[0]!
        return allFailed(method, errors, failures)
      },
    })
    return value
  }

  return {
    batch,
    request<T>(request: JsonRpcRequest, verify?: (result: unknown, url: string) => T | Promise<T>) {
      return batch<T>([request], (results, url) => (verify ? verify(results[0], url) : (results[0] as T)))
    },
    async broadcast<T>(request: JsonRpcRequest): Promise<T> {
      const each = pool.requestEach({ path: request.method, skip: (p) => lacks(p, [request]), attempt: async (url) => (await exchange(url, [request]))[0] as T })
      try {
        return await Promise.any(each.map((e) => e.result))
      } catch (error) {
        const errors = ((error as AggregateError).errors ?? []) as Error[]
        if (errors.length > 0 && errors.every((e) => e instanceof RpcResponseError)) throw errors[0]
        throw allFailed(request.method, errors, each.map(({ endpoint }, i) => ({ endpoint, error: errors[i] })))
      }
    },
    providers: () => pool.health.map(toProviderHealth),
    provenFaults: () => pool.provenFaults().map(({ endpoint, error }) => ({ url: endpoint, error: error as VerificationError })),
  }
}

/** The pool's health record of a provider, as this client has always shown it. */
function toProviderHealth(h: EndpointHealth & RpcHealth): ProviderHealth {
  return {
    url: h.url,
    faulty: h.faulty,
    faultReason: h.fault?.message,
    faultName: h.fault?.name,
    successes: h.successes,
    failures: h.failures,
    consecutiveFailures: h.consecutiveFailures,
    lastError: h.lastError?.message,
    lastErrorName: h.lastError?.name,
    lastLatencyMs: h.lastLatencyMs,
    unsupportedMethods: [...h.unsupportedMethods],
    rateLimitedUntil: h.backedOffUntil,
    maxBatch: h.maxBatch,
  }
}
