import { EndpointPool, type EndpointHealth as PoolHealth, type ProvenFault as PoolFault } from '../endpoints/EndpointPool.ts'
import { AllEndpointsFailedError, type EndpointFailure, MalformedResponseError } from '../endpoints/errors.ts'
import { fetchWithLimits } from '../endpoints/fetchWithLimits.ts'
import { type ConsensusVerificationError, WithheldDataError } from './errors.ts'

/** What a beacon API serves beyond any endpoint's health: how far its head is, whether it holds data back. */
type BeaconHealth = {
  /** Its verified head is well behind another endpoint's. */
  lagging: boolean
  /** Answered "nothing" where the clock says data exists. */
  withholding: boolean
  lastHeadSlot: number | undefined
}

/** What the app shows about one beacon API. */
export type EndpointHealth = PoolHealth & BeaconHealth

/** `ssz`: the raw body when the endpoint answered SSZ (then `json` is undefined). */
export type EndpointAnswer = { endpoint: string; status: number; headers: Headers; json: unknown; ssz?: Uint8Array }

/** The evidence against an endpoint marked faulty: what it served, and at which route. */
export type ProvenFault = PoolFault<ConsensusVerificationError>

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

const SSZ_MEDIA_TYPE = 'application/octet-stream'

/**
 * A set of untrusted beacon APIs over the one endpoint pool: each request goes to the healthiest
 * endpoint and fails over on error, timeout, malformed or oversized answers, and answers that do
 * not verify (a proven fault marks the endpoint faulty). What is the Beacon API's own: routes, SSZ
 * or JSON answers, heads that lag, data withheld.
 */
export class BeaconEndpointPool {
  #pool: EndpointPool<BeaconHealth>
  #timeoutMs: number
  #maxBytes: number
  #fetch: typeof fetch | undefined

  constructor({ urls, timeoutMs = 10_000, maxBytes = 4 * 1024 * 1024, fetch: fetchFn, now, onHealthChange }: BeaconEndpointPoolParameters) {
    this.#timeoutMs = timeoutMs
    this.#maxBytes = maxBytes
    this.#fetch = fetchFn
    this.#pool = new EndpointPool<BeaconHealth>({
      urls, kind: 'beacon API', timeoutMs, now, onHealthChange,
      normalize: (url) => url.replace(/\/+$/, ''),
      extra: () => ({ lagging: false, withholding: false, lastHeadSlot: undefined }),
    })
  }

  get health(): EndpointHealth[] {
    return this.#pool.health
  }

  get urls(): string[] {
    return this.#pool.urls
  }

  /** Replaces the list, keeping the health of endpoints that stay. */
  setEndpoints(urls: string[]): void {
    this.#pool.setEndpoints(urls)
  }

  /** Clears the fault flags of one endpoint (the user decided to trust it to try again). */
  resetEndpoint(url: string): void {
    this.#pool.reset(url, { lagging: false, withholding: false })
  }

  /** The evidence against every endpoint marked faulty, in list order. */
  provenFaults(): ProvenFault[] {
    return this.#pool.provenFaults() as ProvenFault[]
  }

  /**
   * The error for a request that no endpoint could serve: the failures of the endpoints asked,
   * then the proof against each faulty one that was not asked, so a forgery caught in an earlier
   * round is still reported as a forgery (not as "unreachable").
   */
  allFailed({ path, errors }: { path: string; errors: EndpointFailure[] }): AllEndpointsFailedError {
    return new AllEndpointsFailedError({ path, kind: 'beacon API', errors: this.#pool.withEarlierProofs(errors) })
  }

  /** Endpoints to try, best first; faulty ones are left out, lagging and withholding ones last. */
  candidates(): string[] {
    return this.#pool.candidates({ demote: isBehind })
  }

  async request<T>(params: PoolRequestParameters<T>): Promise<{ value: T; endpoint: string }> {
    return this.#pool.request({
      path: params.path, signal: params.signal, demote: isBehind,
      attempt: (endpoint) => this.#exchange({ ...params, endpoint }),
      allFailed: (errors) => this.allFailed({ path: params.path, errors }),
    })
  }

  /** Asks one endpoint; records its health either way. */
  async requestFrom<T>(params: PoolRequestParameters<T> & { endpoint: string }): Promise<T> {
    return this.#pool.attempt({ endpoint: params.endpoint, path: params.path, attempt: () => this.#exchange(params) })
  }

  /** Asks every usable endpoint in parallel (for agreement and comparison). */
  async requestAll<T>(params: PoolRequestParameters<T>): Promise<{ endpoint: string; value?: T; error?: unknown }[]> {
    const each = this.#pool.requestEach({ path: params.path, attempt: (endpoint) => this.#exchange({ ...params, endpoint }) })
    return Promise.all(each.map(({ endpoint, result }) => result.then((value) => ({ endpoint, value }), (error: unknown) => ({ endpoint, error }))))
  }

  /** `path`: the route that was asked, kept with a proof of fault as where it was caught. */
  recordFailure(endpoint: string, error: unknown, path = ''): void {
    this.#markWithholding(endpoint, error)
    this.#pool.recordFailure(endpoint, error, path)
  }

  /** Records the slot of a verified head this endpoint served, and flags endpoints far behind the best. */
  recordHead(endpoint: string, slot: number, { lagSlots = 64 }: { lagSlots?: number } = {}): void {
    if (!this.#pool.urls.includes(endpoint)) return
    this.#pool.update((all) => {
      for (const x of all) if (x.url === endpoint) x.lastHeadSlot = Math.max(x.lastHeadSlot ?? 0, slot)
      const best = Math.max(...all.map((x) => x.lastHeadSlot ?? 0))
      for (const x of all) x.lagging = x.lastHeadSlot !== undefined && best - x.lastHeadSlot > lagSlots
    })
  }

  #markWithholding(endpoint: string, error: unknown): void {
    if (error instanceof WithheldDataError) this.#pool.update((all) => { for (const h of all) if (h.url === endpoint) h.withholding = true })
  }

  /** One GET of a Beacon API route (the pool records it): an answer of nothing where data must exist marks the endpoint withholding. */
  async #exchange<T>(params: PoolRequestParameters<T> & { endpoint: string }): Promise<T> {
    try {
      return await this.#get(params)
    } catch (error) {
      this.#markWithholding(params.endpoint, error)
      throw error
    }
  }

  /** SSZ when offered and served, else JSON, then `handle` decodes and verifies. */
  async #get<T>({ endpoint, path, handle, timeoutMs, maxBytes, signal, accept }: PoolRequestParameters<T> & { endpoint: string }): Promise<T> {
    const url = endpoint + path
    const { status, headers, body } = await fetchWithLimits({
      url, kind: 'beacon API', timeoutMs: timeoutMs ?? this.#timeoutMs, maxBytes: maxBytes ?? this.#maxBytes, fetch: this.#fetch, signal, accept,
    })
    const isSsz = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() === SSZ_MEDIA_TYPE
    if (isSsz) return handle({ endpoint, status, headers, json: undefined, ssz: body })
    let json: unknown
    try {
      json = JSON.parse(new TextDecoder().decode(body))
    } catch (cause) {
      throw new MalformedResponseError({ kind: 'beacon API', url, reason: 'the body is not JSON', cause })
    }
    return handle({ endpoint, status, headers, json })
  }
}

function isBehind(h: EndpointHealth): boolean {
  return h.withholding || h.lagging
}
