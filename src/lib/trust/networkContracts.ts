import type { Address } from 'viem'
import { isBuiltInNetworkId } from './builtInNetworks.ts'

/** A Chainlink-style feed (AggregatorV3Interface) and how often it promises to update. */
export type PriceFeedConfig = {
  address: Address
  /** e.g. "ETH / USD" */
  description: string
  /** The feed's heartbeat: it posts a round at least this often (Chainlink's published figure). */
  heartbeatSeconds: number
}

/** The contracts Latchkey reads on a network for names and prices. */
export type NetworkContracts = {
  /** ENS Universal Resolver (resolveWithGateways / reverseWithGateways). */
  ensUniversalResolver?: Address
  priceFeeds?: {
    ethUsd?: PriceFeedConfig
    /** USD feeds of tokens, by the token's address (checksummed). */
    tokens?: Record<Address, PriceFeedConfig>
  }
}

/**
 * The built-in networks' contracts come from the build, like their chain config: a link, an RPC
 * or a stored setting cannot point Latchkey at another resolver or feed for them. The Universal
 * Resolver is ENS's (the address viem's chain definitions carry); the feeds are Chainlink's
 * proxies with their published heartbeats.
 */
export const builtInContracts: Record<'mainnet' | 'sepolia' | 'hoodi', NetworkContracts> = {
  mainnet: {
    ensUniversalResolver: '0xeEeEEEeE14D718C2B47D9923Deab1335E144EeEe',
    priceFeeds: {
      ethUsd: { address: '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419', description: 'ETH / USD', heartbeatSeconds: 3600 },
      tokens: {
        '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48': { address: '0x8fFfFfd4AfB6115b954Bd326cbe7B4BA576818f6', description: 'USDC / USD', heartbeatSeconds: 86400 },
        '0xdAC17F958D2ee523a2206206994597C13D831ec7': { address: '0x3E7d1eAB13ad0104d2750B8863b489D65364e32D', description: 'USDT / USD', heartbeatSeconds: 86400 },
        '0x6B175474E89094C44Da98b954EedeAC495271d0F': { address: '0xAed0c38402a5d19df6E4c03F4E2DceD6e29c1ee9', description: 'DAI / USD', heartbeatSeconds: 3600 },
        '0x514910771AF9Ca656af840dff83E8264EcF986CA': { address: '0x2c1d072e956AFFC0D435Cb7AC38EF18d24d9127c', description: 'LINK / USD', heartbeatSeconds: 3600 },
        // WETH is ETH one to one (the WETH contract), so it is priced by the ETH / USD feed.
        '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2': { address: '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419', description: 'ETH / USD', heartbeatSeconds: 3600 },
      },
    },
  },
  sepolia: {
    ensUniversalResolver: '0xeEeEEEeE14D718C2B47D9923Deab1335E144EeEe',
    priceFeeds: { ethUsd: { address: '0x694AA1769357215DE4FAC081bf1f309aDC325306', description: 'ETH / USD', heartbeatSeconds: 3600 } },
  },
  // No ENS deployment and no Chainlink feeds on Hoodi.
  hoodi: {},
}

/** Chainlink's ETH / USD heartbeat, assumed for a custom network's feed (its link gives only the address). */
export const CUSTOM_FEED_HEARTBEAT_SECONDS = 3600

/**
 * The contracts names and prices are read from on a network: the build's for a built-in id
 * (whatever the stored entry says), the confirmed ones for a custom network.
 */
export function getNetworkContracts(network: { id: string; kind: 'public' | 'custom'; contracts?: NetworkContracts }): NetworkContracts {
  if (isBuiltInNetworkId(network.id)) return builtInContracts[network.id]
  return network.kind === 'custom' ? (network.contracts ?? {}) : {}
}
