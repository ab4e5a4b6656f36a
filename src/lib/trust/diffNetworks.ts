import type { NetworkEntry } from './networkEntry.ts'

export type NetworkDifference = { field: string; current: string; proposed: string }

export type DiffNetworksParameters = { current: NetworkEntry; proposed: NetworkEntry }

const list = (urls: string[]) => (urls.length ? urls.join('\n') : 'none')
const text = (value: unknown) => (value === undefined ? 'not set' : typeof value === 'string' ? value : JSON.stringify(value))

/** What would change if `proposed` replaced `current`, field by field (chain config keys one by one). */
export function diffNetworks({ current, proposed }: DiffNetworksParameters): NetworkDifference[] {
  const out: NetworkDifference[] = []
  const add = (field: string, a: unknown, b: unknown) => {
    if (text(a) !== text(b)) out.push({ field, current: text(a), proposed: text(b) })
  }
  add('chain id', current.chainId, proposed.chainId)
  add('genesis validators root', current.genesisValidatorsRoot, proposed.genesisValidatorsRoot)
  add('genesis time', current.genesisTime, proposed.genesisTime)
  const a = current.spec ?? {}
  const b = proposed.spec ?? {}
  for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) add(field, a[field], b[field])
  if (list(current.beaconApis) !== list(proposed.beaconApis)) out.push({ field: 'beacon APIs', current: list(current.beaconApis), proposed: list(proposed.beaconApis) })
  if (list(current.rpcs) !== list(proposed.rpcs)) out.push({ field: 'RPCs', current: list(current.rpcs), proposed: list(proposed.rpcs) })
  add('checkpoint', current.checkpoint, proposed.checkpoint)
  add('ENS Universal Resolver', current.contracts?.ensUniversalResolver, proposed.contracts?.ensUniversalResolver)
  add('ETH / USD price feed', current.contracts?.priceFeeds?.ethUsd?.address, proposed.contracts?.priceFeeds?.ethUsd?.address)
  return out
}
