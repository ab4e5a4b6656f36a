import { type ChainConfig, chainConfigFromJson, createChainConfig } from '@lodestar/config'
import { genesisData, hoodiChainConfig, mainnetChainConfig, sepoliaChainConfig } from '@lodestar/config/networks'
import { hexToBytes } from 'viem'
import { type LightClientConfig, createLightClientConfig } from './createLightClientConfig.ts'
import { type PublicNetworkName, defaultBeaconApis, isPublicNetworkName } from './defaultBeaconApis.ts'
import { InvalidNetworkConfigError, UnknownNetworkError } from './errors.ts'
import { fetchChainSpec } from './fetchChainSpec.ts'

// The lists live apart from Lodestar's config so the app's first paint can read them (Settings) without loading Lodestar.
export { type PublicNetworkName, defaultBeaconApis, isPublicNetworkName, publicNetworkNames } from './defaultBeaconApis.ts'

export type Hex = `0x${string}`


/** Everything the light client needs to know about a chain; nothing here comes from an untrusted endpoint. */
export type Network = {
  name: string
  chainConfig: ChainConfig
  genesisValidatorsRoot: Hex
  /** Unix seconds. */
  genesisTime: number
  /** Untrusted beacon APIs to use by default (the user can edit the list). */
  beaconApis: string[]
  /** A recent finalized block root shipped with the build, used only when nothing better is available. */
  checkpoint?: Hex
  /** Checkpoints (and saved headers) older than this are refused. */
  weakSubjectivityPeriodSeconds: number
}

/**
 * Helios' choice (14 days): well inside the spec's weak-subjectivity period for mainnet's validator
 * set, and simple to explain. A custom network may set its own.
 */
export const DEFAULT_WEAK_SUBJECTIVITY_PERIOD_SECONDS = 14 * 24 * 3600


// By name, not Lodestar's networksChainConfig: that object holds Gnosis', Chiado's and others' configs too.
const publicChainConfigs: Record<PublicNetworkName, ChainConfig> = { mainnet: mainnetChainConfig, sepolia: sepoliaChainConfig, hoodi: hoodiChainConfig }

export type GetNetworkParameters = { name: PublicNetworkName; beaconApis?: string[]; checkpoint?: Hex }

/** A built-in public network, with Lodestar's chain config and genesis data. */
export function getNetwork({ name, beaconApis, checkpoint }: GetNetworkParameters): Network {
  if (!isPublicNetworkName(name)) throw new UnknownNetworkError({ network: name })
  return {
    name,
    chainConfig: publicChainConfigs[name],
    genesisValidatorsRoot: genesisData[name].genesisValidatorsRoot as Hex,
    genesisTime: genesisData[name].genesisTime,
    beaconApis: beaconApis ?? [...defaultBeaconApis[name]],
    checkpoint,
    weakSubjectivityPeriodSeconds: DEFAULT_WEAK_SUBJECTIVITY_PERIOD_SECONDS,
  }
}

export type CreateCustomNetworkParameters = {
  name: string
  /** The `/eth/v1/config/spec` JSON (string values), as a beacon node serves it or a config file holds it. */
  specJson: Record<string, unknown>
  genesisValidatorsRoot: string
  genesisTime: number
  beaconApis?: string[]
  checkpoint?: Hex
  weakSubjectivityPeriodSeconds?: number
}

/** A devnet or any custom chain, from its spec JSON and genesis data. */
export function createCustomNetwork(params: CreateCustomNetworkParameters): Network {
  const { name, specJson, genesisValidatorsRoot, genesisTime } = params
  if (!/^0x[0-9a-fA-F]{64}$/.test(genesisValidatorsRoot))
    throw new InvalidNetworkConfigError({ reason: `genesis validators root ${genesisValidatorsRoot} is not 32 bytes of hex` })
  if (!Number.isSafeInteger(genesisTime) || genesisTime < 0)
    throw new InvalidNetworkConfigError({ reason: `genesis time ${genesisTime} is not a unix timestamp` })
  let chainConfig: ChainConfig
  try {
    chainConfig = createChainConfig(chainConfigFromJson(specJson))
  } catch (cause) {
    throw new InvalidNetworkConfigError({ reason: 'the spec JSON does not parse', cause })
  }
  if (!(chainConfig.SECONDS_PER_SLOT > 0)) throw new InvalidNetworkConfigError({ reason: 'SECONDS_PER_SLOT is missing' })
  return {
    name,
    chainConfig,
    genesisValidatorsRoot: genesisValidatorsRoot.toLowerCase() as Hex,
    genesisTime,
    beaconApis: params.beaconApis ?? [],
    checkpoint: params.checkpoint,
    weakSubjectivityPeriodSeconds: params.weakSubjectivityPeriodSeconds ?? DEFAULT_WEAK_SUBJECTIVITY_PERIOD_SECONDS,
  }
}

export type FetchCustomNetworkParameters = { name: string; url: string; fetch?: typeof fetch }

/**
 * Reads a devnet's config from a beacon API the user names (spec + genesis). The user vouches for
 * this URL: the chain config decides which signatures are valid.
 */
export async function fetchCustomNetwork({ name, url, fetch: fetchFn = fetch }: FetchCustomNetworkParameters): Promise<Network> {
  const { spec, genesisValidatorsRoot, genesisTime } = await fetchChainSpec({ url, fetch: fetchFn })
  return createCustomNetwork({ name, specJson: spec, genesisValidatorsRoot, genesisTime, beaconApis: [url.replace(/\/+$/, '')] })
}

/** The fork-aware config with the signing domains and fork digests of this network. */
export function createNetworkConfig(network: Network): LightClientConfig {
  return createLightClientConfig(network.chainConfig, hexToBytes(network.genesisValidatorsRoot))
}
