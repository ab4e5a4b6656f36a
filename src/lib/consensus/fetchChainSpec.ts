import { MalformedResponseError } from '../endpoints/errors.ts'
import { fetchWithLimits } from '../endpoints/fetchWithLimits.ts'

export type FetchChainSpecParameters = { url: string; fetch?: typeof fetch; timeoutMs?: number }

export type FetchChainSpecReturnType = {
  /** The `/eth/v1/config/spec` answer (string values). */
  spec: Record<string, unknown>
  genesisValidatorsRoot: string
  genesisTime: number
}

/**
 * A beacon API's own account of its chain (spec + genesis). It proves nothing: whoever uses it
 * for a chain config must have the user vouch for it (a custom network's review screen).
 */
export async function fetchChainSpec({ url, fetch: fetchFn = globalThis.fetch.bind(globalThis), timeoutMs = 10_000 }: FetchChainSpecParameters): Promise<FetchChainSpecReturnType> {
  const base = url.replace(/\/+$/, '')
  const get = async (path: string) => {
    const { body } = await fetchWithLimits({ url: base + path, kind: 'beacon API', timeoutMs, maxBytes: 1 << 20, fetch: fetchFn })
    try {
      const data = (JSON.parse(new TextDecoder().decode(body)) as { data?: unknown }).data
      if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>
    } catch (cause) {
      throw new MalformedResponseError({ kind: 'beacon API', url: base + path, reason: 'the answer is not JSON', cause })
    }
    throw new MalformedResponseError({ kind: 'beacon API', url: base + path, reason: 'the answer has no "data" object' })
  }
  const [spec, genesis] = await Promise.all([get('/eth/v1/config/spec'), get('/eth/v1/beacon/genesis')])
  return { spec, genesisValidatorsRoot: String(genesis.genesis_validators_root), genesisTime: Number(genesis.genesis_time) }
}
