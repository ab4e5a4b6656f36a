import { VerificationError } from '../execution/errors.ts'
import { AllProvidersFailedError, RpcBatchRefusedError, RpcMethodUnsupportedError, RpcRateLimitedError, RpcResponseError } from './errors.ts'
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

/**
 * A client over several untrusted JSON-RPC providers: failover on errors, timeouts, garbage and
 * answers that fail verification; a provider caught serving unverifiable data is marked faulty and
 * skipped from then on. Real providers' habits are not faults: HTTP 429 backs a provider off for
 * its Retry-After (others are asked first), a refused or truncated batch is split into smaller
 * ones for that provider from then on, and a method it does not offer (-32601) is asked elsewhere.
 */
export function createRpcClient({
  urls,
  timeout = 10_000,
  maxResponseBytes = 32 * 1024 * 1024,
  fetch,
  hedgeAfter = 2000,
  now = () => performance.now(),
}: CreateRpcClientParameters): RpcClient {
  const health: ProviderHealth[] = urls.map((url) => ({
    url,
    faulty: false,
    faultReason: undefined,
    faultName: undefined,
    successes: 0,
    failures: 0,
    consecutiveFailures: 0,
    lastError: undefined,
    lastErrorName: undefined,
    lastLatencyMs: undefined,
    unsupportedMethods: [],
    rateLimitedUntil: undefined,
    maxBatch: undefined,
  }))

  const lacks = (p: ProviderHealth, requests: JsonRpcRequest[]) => requests.some((r) => p.unsupportedMethods.includes(r.method))
  const backedOff = (p: ProviderHealth) => (p.rateLimitedUntil ?? 0) > now()
  // Healthy providers first, then rate-limited ones, then the ones failing lately; faulty ones and
  // those without a method asked never.
  const usable = (requests: JsonRpcRequest[]) =>
    health
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => !p.faulty && !lacks(p, requests))
      .sort((a, b) => Number(backedOff(a.p)) - Number(backedOff(b.p)) || a.p.consecutiveFailures - b.p.consecutiveFailures || a.i - b.i)
      .map(({ p }) => p)
  /** Why providers that lack a method asked were not asked. */
  const unsupported = (requests: JsonRpcRequest[]) =>
    health.filter((p) => !p.faulty && lacks(p, requests)).map((p) =>
      new RpcMethodUnsupportedError({ url: p.url, method: requests.find((r) => p.unsupportedMethods.includes(r.method))!.method }))

  const faults = new Map<string, VerificationError>()

  const fail = (provider: ProviderHealth, error: Error) => {
    provider.failures++
    provider.consecutiveFailures++
    provider.lastError = error.message
    provider.lastErrorName = error.name
    if (error instanceof VerificationError) {
      error.blame(provider.url)
      if (!provider.faulty) faults.set(provider.url, error)
      provider.faulty = true
      provider.faultReason = error.shortMessage
      provider.faultName = error.name
    }
  }

  /** The failures of the providers asked, then the proof against each faulty one that was not: a lie caught earlier still reads as a lie. */
  const allFailed = (method: string, errors: Error[]) => {
    const asked = new Set(errors.map((e) => (e as { url?: string }).url))
    const earlier = [...faults].filter(([url]) => !asked.has(url)).map(([, error]) => error)
    return new AllProvidersFailedError({ method, errors: [...errors, ...earlier] })
  }

  async function exchange(provider: ProviderHealth, requests: JsonRpcRequest[]): Promise<unknown[]> {
    // Reached while still backed off (every other provider failed): wait out its Retry-After, within the timeout.
    const wait = (provider.rateLimitedUntil ?? 0) - now()
    if (wait > timeout) throw new RpcRateLimitedError({ url: provider.url, retryAfterMs: wait })
    if (wait > 0) await new Promise((ok) => setTimeout(ok, wait))
    const start = now()
    const outcomes = await send(provider, requests)
    provider.lastLatencyMs = now() - start
    return outcomes.map((outcome, i) => {
      if (!('error' in outcome)) return outcome.result
      const method = requests[i].method
      if (outcome.error.code === -32601) {
        if (!provider.unsupportedMethods.includes(method)) provider.unsupportedMethods.push(method)
        throw new RpcMethodUnsupportedError({ url: provider.url, method })
      }
      throw new RpcResponseError({ url: provider.url, method, ...outcome.error })
    })
  }

  /** Sends in batches no larger than the provider takes; a refused or cut batch lowers its limit and is sent again, split. */
  async function send(provider: ProviderHealth, requests: JsonRpcRequest[]): Promise<JsonRpcOutcome[]> {
    const limit = provider.maxBatch ?? requests.length
    if (requests.length > limit) {
      const chunks: JsonRpcRequest[][] = []
      for (let i = 0; i < requests.length; i += limit) chunks.push(requests.slice(i, i + limit))
      return (await Promise.all(chunks.map((chunk) => send(provider, chunk)))).flat()
    }
    try {
      return await fetchJsonRpc({ url: provider.url, requests, timeout, maxResponseBytes, fetch })
    } catch (error) {
      if (error instanceof RpcRateLimitedError) provider.rateLimitedUntil = now() + error.retryAfterMs
      if (!(error instanceof RpcBatchRefusedError) || requests.length === 1) throw error
      provider.maxBatch = Math.max(1, Math.min(error.answered, requests.length - 1))
      return send(provider, requests)
    }
  }

  async function attempt<T>(provider: ProviderHealth, requests: JsonRpcRequest[], verify?: Verify<T>): Promise<T> {
    try {
      const results = await exchange(provider, requests)
      const value = verify ? await verify(results, provider.url) : (results as T)
      provider.successes++
      provider.consecutiveFailures = 0
      return value
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error))
      fail(provider, e)
      throw e
    }
  }

  function batch<T>(requests: JsonRpcRequest[], verify?: Verify<T>): Promise<T> {
    const queue = usable(requests)
    const errors: Error[] = unsupported(requests)
    const method = requests.map((r) => r.method).join(', ')
    return new Promise<T>((resolve, reject) => {
      let running = 0
      let settled = false
      const giveUp = () => {
        settled = true
        // A JSON-RPC error that every provider asked agrees on (e.g. "nonce too low") is the real answer.
        const answers = errors.filter((e) => !(e instanceof RpcMethodUnsupportedError))
        if (answers.length > 0 && answers.every((e) => e instanceof RpcResponseError)) reject(answers[0])
        else reject(allFailed(method, errors))
      }
      const launch = () => {
        if (settled) return
        const provider = queue.shift()
        if (!provider) {
          if (running === 0) giveUp()
          return
        }
        running++
        const hedge = Number.isFinite(hedgeAfter) ? setTimeout(launch, hedgeAfter) : undefined
        attempt(provider, requests, verify)
          .then(
            (value) => {
              if (settled) return
              settled = true
              resolve(value)
            },
            (error: Error) => {
              errors.push(error)
              clearTimeout(hedge)
              if (queue.length > 0) launch()
            },
          )
          .finally(() => {
            clearTimeout(hedge)
            running--
            if (!settled && running === 0 && queue.length === 0) giveUp()
          })
      }
      launch()
    })
  }

  return {
    batch,
    request<T>(request: JsonRpcRequest, verify?: (result: unknown, url: string) => T | Promise<T>) {
      return batch<T>([request], (results, url) => (verify ? verify(results[0], url) : (results[0] as T)))
    },
    async broadcast<T>(request: JsonRpcRequest): Promise<T> {
      const providers = usable([request])
      const attempts = providers.map(async (provider) => {
        try {
          const [result] = await exchange(provider, [request])
          provider.successes++
          provider.consecutiveFailures = 0
          return result as T
        } catch (error) {
          fail(provider, error as Error)
          throw error
        }
      })
      try {
        return await Promise.any(attempts)
      } catch (error) {
        const errors = (error as AggregateError).errors ?? []
        if (errors.length > 0 && errors.every((e) => e instanceof RpcResponseError)) throw errors[0]
        throw allFailed(request.method, errors)
      }
    },
    providers: () => health.map((p) => ({ ...p, unsupportedMethods: [...p.unsupportedMethods] })),
    provenFaults: () => health.flatMap((p) => {
      const error = faults.get(p.url)
      return error ? [{ url: p.url, error }] : []
    }),
  }
}
