import type { Address } from '../execution/types.ts'
import type { Token } from '../wallet/token.ts'

export type HistoryTokenDescription = {
  address: Address
  /** As read by verified calls (undefined until read, or when the contract has no symbol()). */
  symbol: string | undefined
  decimals: number | undefined
  /** Seen in the proven history but not in the token list yet (listed, or added by the user). */
  isNew: boolean
  /** A listed token with the same symbol at another address: this one may be impersonating it. */
  impersonates: Token | undefined
  nft: boolean
}

export type DescribeHistoryTokenParameters = {
  address: Address
  /** The network's built-in tokens (the only ones a symbol is checked against). */
  defaults: readonly Token[]
  /** Built-in and user-added tokens. */
  list: readonly Token[]
  /** Metadata read for a token outside the list. */
  read?: { symbol: string; decimals?: number }
  nft: boolean
}

/**
 * How a token seen in the history is shown: by its listed metadata, or as "new" until the user adds
 * it; a symbol that a built-in token already has, at another address, stays flagged even once added.
 */
export function describeHistoryToken({ address, defaults, list, read, nft }: DescribeHistoryTokenParameters): HistoryTokenDescription {
  const same = (t: Token) => t.address.toLowerCase() === address.toLowerCase()
  const listed = list.find(same)
  const symbol = listed?.symbol ?? read?.symbol
  const impersonates = symbol === undefined || defaults.some(same) ? undefined : defaults.find((t) => t.symbol.toLowerCase() === symbol.toLowerCase())
  return { address, symbol, decimals: listed?.decimals ?? read?.decimals, isNew: !listed, impersonates, nft }
}
