import { BaseError } from '../errors.ts'
import { AllEndpointsFailedError, MalformedResponseError, WithheldDataError, isProvenFault } from './errors.ts'
import { fetchWithLimits } from './fetchWithLimits.ts'

/** What the app shows about one beacon API. */
export type EndpointHealth = {
  url: string
  /** Smoothed latency of successful requests, ms. */
  latencyMs: number | undefined
  successes: number
  failures: number
  consecutiveFailures: number
  /** Answers that failed cryptographic verification. */
  faultsProven: number
  /** Served data that failed verification: not asked again until `resetEndpoint`. */
  faulty: boolean
  /** Its verified head is well behind another endpoint's. */
  lagging: boolean
  /** Answered "nothing" where the clock says data exists. */
  withholding: boolean
  lastHeadSlot: number | undefined
  lastError: { name: string; message: string } | undefined
}

/** `ssz`: the raw body when the endpoint answered SSZ (then `json` is undefined). */
export type EndpointAnswer = { endpoint: string; status: number; headers: Headers; json: unknown; ssz?: Uint8Array }

export type BeaconEndpointPoolParameters = {
  urls: string[]
  timeoutMs?: number
  maxBytes?: number
  fetch?: typeof fetch
  /** Milliseconds; injected so tests measure latency without the wall clock. */
  now?: () => number
  onHealthChange?: (health: EndpointHealth[]) => void
}

export type PoolRequestParameters<T> = {
  path: string
  /** Decodes and verifies the answer; a throw (of any kind) moves on to the next endpoint. */
  handle: (answer: EndpointAnswer) => T | Promise<T>
  timeoutMs?: number
  maxBytes?: number
  signal?: AbortSignal
  /** Media types to offer (default JSON only). */
  accept?: string
}

/**
 * A set of untrusted beacon APIs. Each request goes to the healthiest endpoint and fails over
 * on error, timeout, malformed or oversized answers, and answers that do not verify. Any error
 * that proves a fault marks the endpoint faulty.
 */
export class BeaconEndpointPool {
  #health: EndpointHealth[] = []
  #timeoutMs: number
  #maxBytes: number
  #fetch: typeof fetch | undefined
  #now: () => number
  #onHealthChange: ((health: EndpointHealth[]) => void) | undefined

  constructor({ urls, timeoutMs = 10_000, maxBytes = 4 * 1024 * 1024, fetch: fetchFn, now = () => Date.now(), onHealthChange }: BeaconEndpointPoolParameters) {
    this.#timeoutMs = timeoutMs
    this.#maxBytes = maxBytes
    this.#fetch = fetchFn
    this.#now = now
    this.#onHealthChange = onHealthChange
    this.setEndpoints(urls)
  }

  get health(): EndpointHealth[] {
    return this.#health.map((h) => ({ ...h }))
  }

  get urls(): string[] {
    return this.#health.map((h) => h.url)
  }

  /** Replaces the list, keeping the health of endpoints that stay. */
  setEndpoints(urls: string[]): void {
    const normalized = [...new Set(urls.map((u) => u.replace(/\/+$/, '')))]
    this.#health = normalized.map((url) => this.#health.find((h) => h.url === url) ?? newHealth(url))
    this.#changed()
  }

  /** Clears the fault flags of one endpoint (the user decided to trust it to try again). */
  resetEndpoint(url: string): void {
    const h = this.#get(url)
    if (!h) return
    Object.assign(h, { faulty: false, lagging: false, withholding: false, consecutiveFailures: 0 })
    this.#changed()
  }

  /** Endpoints to try, best first; faulty ones are left out. */
  candidates(): string[] {
    return this.#health
      .map((h, index) => ({ h, index }))
      .filter(({ h }) => !h.faulty)
      .sort((a, b) =>
        Number(a.h.withholding || a.h.lagging) - Number(b.h.withholding || b.h.lagging) ||
        a.h.consecutiveFailures - b.h.consecutiveFailures ||
        a.index - b.index)
      .map(({ h }) => h.url)
  }

  async request<T>(params: PoolRequestParameters<T>): Promise<{ value: T; endpoint: string }> {
    const errors: { endpoint: string; error: unknown }[] = []
    for (const endpoint of this.candidates()) {
      if (params.signal?.aborted) break
      try {
        return { value: await this.requestFrom({ ...params, endpoint }), endpoint }
      } catch (error) {
        errors.push({ endpoint, error })
      }
    }
    throw new AllEndpointsFailedError({ path: params.path, errors })
  }

  /** Asks one endpoint; records its health either way. */
  async requestFrom<T>({ endpoint, path, handle, timeoutMs, maxBytes, signal, accept }: PoolRequestParameters<T> & { endpoint: string }): Promise<T> {
    const url = endpoint + path
    const started = this.#now()
    try {
      const { status, headers, text, ssz } = await fetchWithLimits({
        url, timeoutMs: timeoutMs ?? this.#timeoutMs, maxBytes: maxBytes ?? this.#maxBytes, fetch: this.#fetch, signal, accept,
      })
      let json: unknown
      if (!ssz) {
        try {
          json = JSON.parse(text)
        } catch (cause) {
          throw new MalformedResponseError({ url, reason: 'the body is not JSON', cause })
        }
      }
      const value = await handle({ endpoint, status, headers, json, ssz })
      this.#recordSuccess(endpoint, this.#now() - started)
      return value
    } catch (error) {
      this.recordFailure(endpoint, error)
      throw error
    }
  }

  /** Asks every usable endpoint in parallel (for agreement and comparison). */
  async requestAll<T>(params: PoolRequestParameters<T>): Promise<{ endpoint: string; value?: T; error?: unknown }[]> {
    return Promise.all(this.candidates().map(async (endpoint) => {
      try {
        return { endpoint, value: await this.requestFrom({ ...params, endpoint }) }
      } catch (error) {
        return { endpoint, error }
      }
    }))
  }

  recordFailure(endpoint: string, error: unknown): void {
    const h = this.#get(endpoint)
    if (!h) return
    h.failures++
    h.consecutiveFailures++
    h.lastError = { name: (error as Error)?.name ?? 'Error', message: error instanceof BaseError ? error.shortMessage : String((error as Error)?.message ?? error) }
    if (isProvenFault(error)) {
      error.endpoint ??= endpoint
      h.faultsProven++
      h.faulty = true
    }
    if (error instanceof WithheldDataError) h.withholding = true
    this.#changed()
  }

  /** Records the slot of a verified head this endpoint served, and flags endpoints far behind the best. */
  recordHead(endpoint: string, slot: number, { lagSlots = 64 }: { lagSlots?: number } = {}): void {
    const h = this.#get(endpoint)
    if (!h) return
    h.lastHeadSlot = Math.max(h.lastHeadSlot ?? 0, slot)
    const best = Math.max(...this.#health.map((x) => x.lastHeadSlot ?? 0))
    for (const x of this.#health) x.lagging = x.lastHeadSlot !== undefined && best - x.lastHeadSlot > lagSlots
    this.#changed()
  }

  #recordSuccess(endpoint: string, latency: number): void {
    const h = this.#get(endpoint)
    if (!h) return
    h.successes++
    h.consecutiveFailures = 0
    h.latencyMs = h.latencyMs === undefined ? latency : Math.round(0.7 * h.latencyMs + 0.3 * latency)
    this.#changed()
  }

  #get(url: string): EndpointHealth | undefined {
    return this.#health.find((h) => h.url === url)
  }

  #changed(): void {
    this.#onHealthChange?.(this.health)
  }
}

function newHealth(url: string): EndpointHealth {
  return {
    url, latencyMs: undefined, successes: 0, failures: 0, consecutiveFailures: 0, faultsProven: 0,
    faulty: false, lagging: false, withholding: false, lastHeadSlot: undefined, lastError: undefined,
  }
}
