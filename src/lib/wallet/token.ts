import type { Address } from 'viem'

/** An ERC-20 token as the wallet shows it. */
export type Token = { chainId: number; address: Address; symbol: string; decimals: number; name?: string }
