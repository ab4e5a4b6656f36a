import type { Hex } from '../../lib/consensus/networks.ts'
import type { NetworkSettings } from './settings.svelte.ts'

export type ConnectFromUrlParameters = {
  /** The `#/connect?...` query: network, beacon, rpc (each may repeat), checkpoint. */
  query: URLSearchParams
  fetch?: typeof fetch
}

/**
 * Builds a network from a `#/connect` link, as `npm start` prints it. The link is the user's own
 * command line, so its beacon API is trusted for the chain config (spec + genesis) and its
 * checkpoint is trusted as the starting root; every later answer is still verified. Nothing of
 * this is baked into the build: the same source keeps the same CID.
 */
export async function connectFromUrl({ query, fetch: fetchFn = globalThis.fetch.bind(globalThis) }: ConnectFromUrlParameters): Promise<NetworkSettings> {
  const id = (query.get('network') ?? 'devnet').replace(/[^a-z0-9-]/gi, '').toLowerCase() || 'devnet'
  const beacons = query.getAll('beacon').flatMap((b) => b.split(',')).map((b) => b.trim().replace(/\/+$/, '')).filter(Boolean)
  const rpcs = query.getAll('rpc').flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean)
  const checkpoint = query.get('checkpoint') ?? undefined
  for (const url of [...beacons, ...rpcs]) {
    const parsed = new URL(url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${url} is not an http(s) URL.`)
  }
  if (beacons.length === 0) throw new Error('The link names no beacon API (beacon=...).')
  if (checkpoint !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(checkpoint)) throw new Error(`The checkpoint ${checkpoint} is not a 32-byte block root.`)
  const get = async (path: string) => {
    const response = await fetchFn(beacons[0] + path, { signal: AbortSignal.timeout(10_000) })
    if (!response.ok) throw new Error(`${beacons[0] + path} answered HTTP ${response.status}.`)
    return ((await response.json()) as { data: Record<string, unknown> }).data
  }
  const [spec, genesis] = await Promise.all([get('/eth/v1/config/spec'), get('/eth/v1/beacon/genesis')])
  let chainId = Number(spec.DEPOSIT_CHAIN_ID)
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error('The beacon API spec has no DEPOSIT_CHAIN_ID.')
  return {
    id,
    name: id === 'devnet' ? 'Local devnet' : id,
    kind: 'custom',
    chainId,
    beaconApis: beacons,
    rpcs,
    checkpoint: checkpoint as Hex | undefined,
    spec,
    genesisValidatorsRoot: String(genesis.genesis_validators_root) as Hex,
    genesisTime: Number(genesis.genesis_time),
  }
}
