import type { Token } from './token.ts'

// Canonical deployments only (issuer or the well-known wrapper), EIP-55 checksummed; the test
// suite re-validates every checksum. Hoodi is a staking/infrastructure testnet with no canonical
// token deployments, and the devnet starts empty: users add tokens there by address.
export const mainnetTokens: readonly Token[] = [
  { chainId: 1, address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: 'USDC', decimals: 6, name: 'USD Coin' },
  { chainId: 1, address: '0xdAC17F958D2ee523a2206206994597C13D831ec7', symbol: 'USDT', decimals: 6, name: 'Tether USD' },
  { chainId: 1, address: '0x6B175474E89094C44Da98b954EedeAC495271d0F', symbol: 'DAI', decimals: 18, name: 'Dai Stablecoin' },
  { chainId: 1, address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', symbol: 'WETH', decimals: 18, name: 'Wrapped Ether' },
  { chainId: 1, address: '0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599', symbol: 'WBTC', decimals: 8, name: 'Wrapped BTC' },
  { chainId: 1, address: '0x514910771AF9Ca656af840dff83E8264EcF986CA', symbol: 'LINK', decimals: 18, name: 'ChainLink Token' },
  { chainId: 1, address: '0x1f9840a85d5aF5bf1D1762F925BDADdC4201F984', symbol: 'UNI', decimals: 18, name: 'Uniswap' },
  { chainId: 1, address: '0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0', symbol: 'wstETH', decimals: 18, name: 'Wrapped liquid staked Ether 2.0' },
]

export const sepoliaTokens: readonly Token[] = [
  { chainId: 11155111, address: '0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238', symbol: 'USDC', decimals: 6, name: 'USDC (Circle testnet)' },
  { chainId: 11155111, address: '0xfFf9976782d46CC05630D1f6eBAb18b2324d6B14', symbol: 'WETH', decimals: 18, name: 'Wrapped Ether' },
  { chainId: 11155111, address: '0x779877A7B0D9E8603169DdbD7836e478b4624789', symbol: 'LINK', decimals: 18, name: 'ChainLink Token' },
]

export const hoodiTokens: readonly Token[] = []

const byChain: Record<number, readonly Token[]> = { 1: mainnetTokens, 11155111: sepoliaTokens, 560048: hoodiTokens }

/** The built-in list for a chain; empty for unknown chains (the devnet). */
export function getDefaultTokens({ chainId }: { chainId: number }): readonly Token[] {
  return byChain[chainId] ?? []
}
