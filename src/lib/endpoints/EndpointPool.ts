import { BaseError } from '../errors.ts'
import { type EndpointFailure, type EndpointKind, type ProvenFaultError, RateLimitedError, isProvenFaultError } from './errors.ts'

/** What is known about one untrusted endpoint; a pool's user adds its own fields (`X`). */
export type EndpointHealth = {
  url: string
  /** Smoothed latency of successful requests, ms. */
  latencyMs: number | undefined
  /** Latency of the last successful request, ms. */
  lastLatencyMs?: number | undefined
  successes: number
  failures: number
  consecutiveFailures: number
  /** Answers that failed verification. */
  faultsProven: number
  /** Served data that failed verification: not asked again until `reset`. */
  faulty: boolean
  lastError: { name: string; message: string } | undefined
  /** What it was caught serving (the proof's class and sentence, and the route), while it is faulty. */
  fault: { name: string; message: string; path: string } | undefined
  /** After an HTTP 429, the pool clock time before which it is asked only when no other endpoint is left. */
  backedOffUntil?: number | undefined
}

/** The evidence against an endpoint marked faulty: what it served, and at which route. */
export type ProvenFault<E extends ProvenFaultError = ProvenFaultError> = { endpoint: string; path: string; error: E }

export type EndpointPoolParameters<X extends object> = {
  urls: readonly string[]
  kind: EndpointKind
  /** Per-request timeout (ms); also the longest a backed-off endpoint is waited for. */
  timeoutMs: number
  /** Milliseconds; injected so tests measure latency and back-off without the wall clock. */
  now?: () => number
  /** How the list's entries are made comparable (e.g. trailing slashes dropped); default as given. */
  normalize?: (url: string) => string
  /** The user's own fields of a new endpoint's health. */
  extra: (url: string) => X
  onHealthChange?: (health: (EndpointHealth & X)[]) => void
}

export type EndpointPoolRequestParameters<T, X extends object = object> = {
  /** The route or method asked: kept with a proof of fault as where it was caught. */
  path: string
  /** One exchange with one endpoint, verification included; a throw (of any kind) moves on to the next. */
  attempt: (endpoint: string) => Promise<T>
  /** Endpoints not to ask for this request (besides faulty ones). */
  skip?: (health: EndpointHealth & X) => boolean
  /** When the endpoint being asked has not settled after this many ms, the next is asked in parallel (default Infinity: one at a time). */
  hedgeAfterMs?: number
  signal?: AbortSignal
  /** Endpoints to ask after the others (lagging, withholding...). */
  demote?: (health: EndpointHealth & X) => boolean
  /** The error when no endpoint served: `failures` are those of the endpoints asked (see `withEarlierProofs`). */
  allFailed: (failures: EndpointFailure[]) => Error
}

/**
 * A set of untrusted HTTP endpoints of one kind, with one health record each (viem's `fallback`
 * transport, for endpoints that lie): requests go to the healthiest first and fail over on any
 * error, racing the next one when the first is slow (hedging); an endpoint whose answer fails
 * verification is marked faulty, skipped from then on, and the proof is kept as evidence; HTTP 429
 * backs an endpoint off for its Retry-After. What an answer means (JSON-RPC, Beacon API) and how
 * it is verified is the user's `attempt`.
 */
export class EndpointPool<X extends object = object> {
  #health: (EndpointHealth & X)[] = []
  /** First proof against each faulty endpoint, kept for as long as it stays faulty: every later failure carries it. */
  #faults = new Map<string, ProvenFault>()
  #timeoutMs: number
  #now: () => number
  #normalize: (url: string) => string
  #extra: (url: string) => X
  #onHealthChange: ((health: (EndpointHealth & X)[]) => void) | undefined
  readonly kind: EndpointKind

  constructor({ urls, kind, timeoutMs, now = () => Date.now(), normalize = (url) => url, extra, onHealthChange }: EndpointPoolParameters<X>) {
    this.kind = kind
    this.#timeoutMs = timeoutMs
    this.#now = now
    this.#normalize = normalize
    this.#extra = extra
    this.#onHealthChange = onHealthChange
    this.setEndpoints(urls)
  }

  get health(): (EndpointHealth & X)[] {
    return this.#health.map((h) => ({ ...h }))
  }

  get urls(): string[] {
    return this.#health.map((h) => h.url)
  }

  /** Replaces the list, keeping the health of endpoints that stay. */
  setEndpoints(urls: readonly string[]): void {
    const normalized = [...new Set(urls.map(this.#normalize))]
    this.#health = normalized.map((url) => this.#get(url) ?? { ...newHealth(url), ...this.#extra(url) })
    for (const url of this.#faults.keys()) if (!normalized.includes(url)) this.#faults.delete(url)
    this.#changed()
  }

  /** Changes the user's own fields of the endpoints' health (the live records, in list order), then tells `onHealthChange` once. */
  update(change: (health: (EndpointHealth & X)[]) => void): void {
    change(this.#health)
    this.#changed()
  }

  /** Clears the fault flags of one endpoint (the user decided to trust it to try again); `extra`: the user's fields to reset with them. */
  reset(url: string, extra: Partial<X> = {}): void {
    const h = this.#get(url)
    if (!h) return
    Object.assign(h, { faulty: false, consecutiveFailures: 0, fault: undefined, backedOffUntil: undefined }, extra)
    this.#faults.delete(h.url)
    this.#changed()
  }

  /** The evidence against every endpoint marked faulty, in list order. */
  provenFaults(): ProvenFault[] {
    return this.#health.flatMap((h) => this.#faults.get(h.url) ?? [])
  }

  /** The failures of the endpoints asked, then the proof against each faulty one that was not: a lie caught earlier still reads as a lie. */
  withEarlierProofs(failures: EndpointFailure[]): EndpointFailure[] {
    const asked = new Set(failures.map((f) => f.endpoint))
    const earlier = this.provenFaults()
      .filter((f) => !asked.has(f.endpoint))
      .map((f): EndpointFailure => ({ endpoint: f.endpoint, error: f.error, provenAt: f.path }))
    return [...failures, ...earlier]
  }

  /**
   * Endpoints to try, best first: faulty and skipped ones left out; demoted (`demote`: lagging,
   * withholding...) and backed-off ones after the rest; then fewest failures in a row; then list order.
   */
  candidates({ skip, demote }: Pick<EndpointPoolRequestParameters<unknown, X>, 'skip' | 'demote'> = {}): string[] {
    const now = this.#now()
    const late = (h: EndpointHealth & X) => Number((demote?.(h) ?? false) || (h.backedOffUntil ?? 0) > now)
    return this.#health
      .map((h, index) => ({ h, index }))
      .filter(({ h }) => !h.faulty && !skip?.(h))
      .sort((a, b) => late(a.h) - late(b.h) || a.h.consecutiveFailures - b.h.consecutiveFailures || a.index - b.index)
      .map(({ h }) => h.url)
  }

  /**
   * One request with failover: `attempt` on each candidate in turn (hedged after `hedgeAfterMs`),
   * the first value wins. Every attempt is recorded in the endpoint's health.
   */
  request<T>({ path, attempt, skip, hedgeAfterMs = Infinity, signal, allFailed, demote }: EndpointPoolRequestParameters<T, X>): Promise<{ value: T; endpoint: string }> {
    const queue = this.candidates({ skip, demote })
    const failures: EndpointFailure[] = []
    return new Promise((resolve, reject) => {
      let running = 0
      let settled = false
      const launch = () => {
        if (settled) return
        const endpoint = signal?.aborted ? undefined : queue.shift()
        if (endpoint === undefined) {
          if (running === 0) {
            settled = true
            reject(allFailed(failures))
          }
          return
        }
        running++
        const hedge = Number.isFinite(hedgeAfterMs) ? setTimeout(launch, hedgeAfterMs) : undefined
        this.attempt({ endpoint, path, attempt }).then(
          (value) => {
            clearTimeout(hedge)
            running--
            if (settled) return
            settled = true
            resolve({ value, endpoint })
          },
          (error: unknown) => {
            clearTimeout(hedge)
            running--
            failures.push({ endpoint, error })
            launch()
          },
        )
      }
      launch()
    })
  }

  /** `attempt` on every candidate at once (agreement, comparison, broadcast); each is recorded. */
  requestEach<T>({ path, attempt, skip }: Pick<EndpointPoolRequestParameters<T, X>, 'path' | 'attempt' | 'skip'>): { endpoint: string; result: Promise<T> }[] {
    return this.candidates({ skip }).map((endpoint) => ({ endpoint, result: this.attempt({ endpoint, path, attempt }) }))
  }

  /** One exchange with one endpoint, recorded either way; a backed-off endpoint is waited for first (within the timeout). */
  async attempt<T>({ endpoint, path, attempt }: { endpoint: string; path: string; attempt: (endpoint: string) => Promise<T> }): Promise<T> {
    try {
      const wait = (this.#get(endpoint)?.backedOffUntil ?? 0) - this.#now()
      if (wait > this.#timeoutMs) throw new RateLimitedError({ url: endpoint, kind: this.kind, retryAfterMs: wait })
      if (wait > 0) await new Promise((ok) => setTimeout(ok, wait))
      const started = this.#now()
      const value = await attempt(endpoint)
      this.#recordSuccess(endpoint, this.#now() - started)
      return value
    } catch (error) {
      this.recordFailure(endpoint, error, path)
      throw error
    }
  }

  /** `path`: the route that was asked, kept with a proof of fault as where it was caught. */
  recordFailure(endpoint: string, error: unknown, path = ''): void {
    const h = this.#get(endpoint)
    if (!h) return
    h.failures++
    h.consecutiveFailures++
    const proof = isProvenFaultError(error)
    // While an endpoint stands proven faulty, its last error stays the proof: an answer it sent
    // before being caught (requests run in parallel) may still fail later for a lesser reason,
    // which must not hide the evidence.
    if (!h.faulty || proof)
      h.lastError = { name: (error as Error)?.name ?? 'Error', message: error instanceof BaseError ? error.shortMessage : String((error as Error)?.message ?? error) }
    if (error instanceof RateLimitedError) h.backedOffUntil = this.#now() + error.retryAfterMs
    if (proof) {
      error.blame(endpoint)
      h.faultsProven++
      h.faulty = true
      if (!this.#faults.has(endpoint)) {
        this.#faults.set(endpoint, { endpoint, path, error })
        h.fault = { name: error.name, message: error.shortMessage, path }
      }
    }
    this.#changed()
  }

  #recordSuccess(endpoint: string, latency: number): void {
    const h = this.#get(endpoint)
    if (!h) return
    h.successes++
    h.consecutiveFailures = 0
    h.lastLatencyMs = latency
    h.latencyMs = h.latencyMs === undefined ? latency : Math.round(0.7 * h.latencyMs + 0.3 * latency)
    this.#changed()
  }

  #get(url: string): (EndpointHealth & X) | undefined {
    return this.#health.find((h) => h.url === url)
  }

  #changed(): void {
    this.#onHealthChange?.(this.health)
  }
}

function newHealth(url: string): EndpointHealth {
  return { url, latencyMs: undefined, successes: 0, failures: 0, consecutiveFailures: 0, faultsProven: 0, faulty: false, lastError: undefined, fault: undefined }
}
