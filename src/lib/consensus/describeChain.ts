import type { Hex, Network } from './networks.ts'

export type ChainFork = { name: string; version: Hex; epoch: number | undefined }

/** What the review screen shows about a chain: the facts that decide which signatures are valid. */
export type ChainFacts = {
  chainId: number
  genesisValidatorsRoot: Hex
  /** Unix seconds. */
  genesisTime: number
  secondsPerSlot: number
  /** In schedule order; `epoch` undefined when the fork is not scheduled. */
  forks: ChainFork[]
}

const toHex = (bytes: Uint8Array) => `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}` as Hex

/** The fork versions and epochs of a network's chain config, genesis first. */
export function describeChain(network: Network): ChainFacts {
  const config = network.chainConfig as unknown as Record<string, unknown>
  const forks: ChainFork[] = [{ name: 'genesis', version: toHex(config.GENESIS_FORK_VERSION as Uint8Array), epoch: 0 }]
  for (const key of Object.keys(config)) {
    const name = /^([A-Z]+)_FORK_VERSION$/.exec(key)?.[1]
    if (!name || name === 'GENESIS') continue
    const epoch = Number(config[`${name}_FORK_EPOCH`])
    forks.push({ name: name.toLowerCase(), version: toHex(config[key] as Uint8Array), epoch: Number.isFinite(epoch) ? epoch : undefined })
  }
  forks.sort((a, b) => (a.epoch ?? Infinity) - (b.epoch ?? Infinity))
  return {
    chainId: Number(network.chainConfig.DEPOSIT_CHAIN_ID),
    genesisValidatorsRoot: network.genesisValidatorsRoot,
    genesisTime: network.genesisTime,
    secondsPerSlot: network.chainConfig.SECONDS_PER_SLOT,
    forks,
  }
}
