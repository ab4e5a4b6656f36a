import { type ChainConfig, chainConfigToJson, createChainForkConfig, type ChainForkConfig } from '@lodestar/config'
import { mainnetChainConfig } from '@lodestar/config/configs'
import { genesisData } from '@lodestar/config/networks'
import { activePreset, presetToJson } from '@lodestar/params'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes } from 'viem'

export type DevnetShape = 'devnet' | 'mainnet'

export type DevnetChainParameters = {
  /** 'mainnet': mainnet's genesis time, fork schedule and genesis validators root, chain id 1. */
  like?: DevnetShape
  secondsPerSlot?: number
  /** Devnet shape only: unix seconds of slot 0. */
  genesisTime?: number
}

export type DevnetChain = {
  shape: DevnetShape
  chainConfig: ChainConfig
  config: ChainForkConfig
  genesisTime: number
  genesisValidatorsRoot: Uint8Array
  chainId: number
  /** The /eth/v1/config/spec answer: chain config and preset, as strings. */
  specJson: Record<string, string>
}

export const DEVNET_CHAIN_ID = 1337
const DEVNET_GVR = sha256(new TextEncoder().encode('latchkey devnet genesis validators root'))

function forkVersion(index: number): Uint8Array {
  // "LK" + fork index: distinct from every public network's versions.
  return Uint8Array.from([0x4c, 0x4b, 0x00, index])
}

/**
 * The devnet's chain config: mainnet preset (512-member sync committees, 8192-slot periods),
 * so the very bundle that follows mainnet follows the devnet.
 */
export function createDevnetChain(params: DevnetChainParameters = {}): DevnetChain {
  const shape = params.like ?? 'devnet'
  let chainConfig: ChainConfig
  let genesisTime: number
  let genesisValidatorsRoot: Uint8Array
  let chainId: number
  if (shape === 'mainnet') {
    // Mainnet's own schedule, Fulu included: Helios 0.11.1 signs-checks Fulu-era slots with
    // Fulu's fork version (measured here: with Fulu unscheduled it rejects every update).
    chainConfig = { ...mainnetChainConfig }
    genesisTime = genesisData.mainnet.genesisTime
    genesisValidatorsRoot = hexToBytes(genesisData.mainnet.genesisValidatorsRoot as `0x${string}`)
    chainId = 1
  } else {
    const secondsPerSlot = params.secondsPerSlot ?? 2
    chainConfig = {
      ...mainnetChainConfig,
      CONFIG_NAME: 'latchkey-devnet',
      MIN_GENESIS_TIME: 0,
      GENESIS_DELAY: 0,
      GENESIS_FORK_VERSION: forkVersion(0),
      ALTAIR_FORK_VERSION: forkVersion(1),
      ALTAIR_FORK_EPOCH: 0,
      BELLATRIX_FORK_VERSION: forkVersion(2),
      BELLATRIX_FORK_EPOCH: 0,
      CAPELLA_FORK_VERSION: forkVersion(3),
      CAPELLA_FORK_EPOCH: 0,
      DENEB_FORK_VERSION: forkVersion(4),
      DENEB_FORK_EPOCH: 0,
      ELECTRA_FORK_VERSION: forkVersion(5),
      ELECTRA_FORK_EPOCH: 0,
      FULU_FORK_VERSION: forkVersion(6),
      FULU_FORK_EPOCH: 0,
      GLOAS_FORK_VERSION: forkVersion(7),
      GLOAS_FORK_EPOCH: Infinity,
      SECONDS_PER_SLOT: secondsPerSlot,
      SLOT_DURATION_MS: secondsPerSlot * 1000,
      DEPOSIT_CHAIN_ID: DEVNET_CHAIN_ID,
      DEPOSIT_NETWORK_ID: DEVNET_CHAIN_ID,
      BLOB_SCHEDULE: [],
    }
    genesisTime = params.genesisTime ?? Math.floor(Date.now() / 1000)
    genesisValidatorsRoot = DEVNET_GVR
    chainId = DEVNET_CHAIN_ID
  }
  const config = createChainForkConfig(chainConfig)
  const specJson = { ...presetToJson(activePreset), ...chainConfigToJson(chainConfig) } as Record<string, string>
  return { shape, chainConfig, config, genesisTime, genesisValidatorsRoot, chainId, specJson }
}

export const toHex = (bytes: Uint8Array): `0x${string}` => bytesToHex(bytes)
