import { BaseError } from '../errors.ts'
import { AllEndpointsFailedError, type ConsensusVerificationError, type EndpointFailure, MalformedResponseError, WithheldDataError, isProvenFault } from './errors.ts'
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
  /** What it was caught serving (the proof's class and sentence, and the route), while it is faulty. */
  fault: { name: string; message: string; path: string } | undefined
}

/** `ssz`: the raw body when the endpoint answered SSZ (then `json` is undefined). */
export type EndpointAnswer = { endpoint: string; status: number; headers: Headers; json: unknown; ssz?: Uint8Array }

/** The evidence against an endpoint marked faulty: what it served, and at which route. */
export type ProvenFault = { endpoint: string; path: string; error: ConsensusVerificationError }

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
  /** First proof against each faulty endpoint, kept for as long as it stays faulty: every later failure carries it. */
  #faults = new Map<string, ProvenFault>()
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
    for (const url of this.#faults.keys()) if (!normalized.includes(url)) this.#faults.delete(url)
    this.#changed()
  }

  /** Clears the fault flags of one endpoint (the user decided to trust it to try again). */
  resetEndpoint(url: string): void {
    const h = this.#get(url)
    if (!h) return
    Object.assign(h, { faulty: false, lagging: false, withholding: false, consecutiveFailures: 0, fault: undefined })
    this.#faults.delete(h.url)
    this.#changed()
  }

  /** The evidence against every endpoint marked faulty, in list order. */
  provenFaults(): ProvenFault[] {
    return this.#health.flatMap((h) => this.#faults.get(h.url) ?? [])
  }

  /**
   * The error for a request that no endpoint could serve: the failures of the endpoints asked,
   * then the proof against each faulty one that was not asked, so a forgery caught in an earlier
   * round is still reported as a forgery (not as "unreachable").
   */
  allFailed({ path, errors }: { path: string; errors: EndpointFailure[] }): AllEndpointsFailedError {
    const asked = new Set(errors.map((e) => e.endpoint))
    const earlier = this.provenFaults()
      .filter((f) => !asked.has(f.endpoint))
      .map((f): EndpointFailure => ({ endpoint: f.endpoint, error: f.error, provenAt: f.path }))
    return new AllEndpointsFailedError({ path, errors: [...errors, ...earlier] })
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
    const errors: EndpointFailure[] = []
    for (const endpoint of this.candidates()) {
      if (params.signal?.aborted) break
      try {
        return { value: await this.requestFrom({ ...params, endpoint }), endpoint }
      } catch (error) {
        errors.push({ endpoint, error })
      }
    }
    throw this.allFailed({ path: params.path, errors })
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
      this.recordFailure(endpoint, error, path)
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

  /** `path`: the route that was asked, kept with a proof of fault as where it was caught. */
  recordFailure(endpoint: string, error: unknown, path = ''): void {
    const h = this.#get(endpoint)
    if (!h) return
    h.failures++
    h.consecutiveFailures++
    // While an endpoint stands proven faulty, its last error stays the proof: an answer it sent
    // before being caught (heads are fetched alongside the hand-overs) may still fail later for
    // a lesser reason, which must not hide the evidence.
    if (!h.faulty || isProvenFault(error))
      h.lastError = { name: (error as Error)?.name ?? 'Error', message: error instanceof BaseError ? error.shortMessage : String((error as Error)?.message ?? error) }
    if (isProvenFault(error)) {
      error.endpoint ??= endpoint
      h.faultsProven++
      h.faulty = true
      if (!this.#faults.has(endpoint)) {
        this.#faults.set(endpoint, { endpoint, path, error })
        h.fault = { name: error.name, message: error.shortMessage, path }
      }
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
    faulty: false, lagging: false, withholding: false, lastHeadSlot: undefined, lastError: undefined, fault: undefined,
  }
}
