export type FetchRecord = { url: string; methods: string[] }

export type CountingFetch = {
  fetch: typeof globalThis.fetch
  /** Requests since the last `take()`, and forgets them. */
  take(): FetchRecord[]
}

/**
 * Wraps fetch to record every HTTP request, with the JSON-RPC methods of its body (a batch is one
 * request carrying several methods): one record is one round trip.
 */
export function createCountingFetch({ fetch: inner = globalThis.fetch }: { fetch?: typeof globalThis.fetch } = {}): CountingFetch {
  let records: FetchRecord[] = []
  const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    // Callers such as Helios' WASM pass a Request: read a copy of its body.
    const body = init?.body ?? (input instanceof Request && input.body ? await input.clone().text() : undefined)
    records.push({ url, methods: jsonRpcMethods(body) })
    return inner(input, init)
  }) as typeof globalThis.fetch
  return {
    fetch: counting,
    take() {
      const taken = records
      records = []
      return taken
    },
  }
}

export function jsonRpcMethods(body: unknown): string[] {
  if (typeof body !== 'string') return []
  try {
    const parsed = JSON.parse(body) as unknown
    const list = Array.isArray(parsed) ? parsed : [parsed]
    return list.flatMap((item) => (typeof item === 'object' && item !== null && typeof (item as { method?: unknown }).method === 'string' ? [(item as { method: string }).method] : []))
  } catch {
    return []
  }
}
