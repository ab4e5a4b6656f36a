import { getDefaultTokens } from './defaultTokens.ts'
import type { Token } from './token.ts'

export type GetTokenListParameters = { chainId: number; custom?: readonly Token[] }

/** Default tokens plus the user's custom ones for this chain; one entry per address (the default wins). */
export function getTokenList({ chainId, custom = [] }: GetTokenListParameters): Token[] {
  const out = new Map<string, Token>()
  for (const t of [...getDefaultTokens({ chainId }), ...custom.filter((t) => t.chainId === chainId)])
    if (!out.has(t.address.toLowerCase())) out.set(t.address.toLowerCase(), t)
  return [...out.values()]
}
