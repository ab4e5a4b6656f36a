import type { Address } from 'viem'
import { erc20Abi, hexToString, trim } from 'viem'
import { getDefaultTokens } from './defaultTokens.ts'
import { TokenContractError } from './errors.ts'
import type { Token } from './token.ts'
import { verifyAddress } from './verifyAddress.ts'
import type { VerifiedClient } from '../rpc/createVerifiedClient.ts'

export type GetTokenMetadataParameters = {
  /** eth_call goes through this client; in the app, the verified one. */
  client: VerifiedClient
  chainId: number
  address: string
}
export type GetTokenMetadataReturnType = {
  token: Token
  /** A built-in token on this chain with the same symbol but another address: likely an impostor. */
  impersonates: Token | undefined
}

// Some old tokens (MKR, SAI) return symbol as bytes32 instead of string.
const bytes32SymbolAbi = [{ type: 'function', name: 'symbol', stateMutability: 'view', inputs: [], outputs: [{ type: 'bytes32' }] }] as const

// Control and invisible characters make look-alike symbols; keep only printable text.
const clean = (s: string) => s.replace(/[\p{C}\p{Z}]+/gu, ' ').trim().slice(0, 32)

/** Reads a custom token's symbol and decimals by eth_call and flags look-alikes of listed tokens. */
export async function getTokenMetadata({ client, chainId, address }: GetTokenMetadataParameters): Promise<GetTokenMetadataReturnType> {
  const tokenAddress: Address = verifyAddress({ address })
  const code = await client.getCode({ address: tokenAddress })
  if (!code || code === '0x') throw new TokenContractError({ address: tokenAddress, reason: 'there is no contract at this address' })
  let decimals: number
  try {
    decimals = await client.readContract({ address: tokenAddress, abi: erc20Abi, functionName: 'decimals' })
  } catch (cause) {
    throw new TokenContractError({ address: tokenAddress, reason: 'decimals() failed', cause })
  }
  if (!Number.isInteger(decimals) || decimals > 77) throw new TokenContractError({ address: tokenAddress, reason: `decimals() returned ${decimals}` })
  let symbol: string
  try {
    symbol = await client.readContract({ address: tokenAddress, abi: erc20Abi, functionName: 'symbol' })
  } catch (first) {
    try {
      symbol = hexToString(trim(await client.readContract({ address: tokenAddress, abi: bytes32SymbolAbi, functionName: 'symbol' }), { dir: 'right' }))
    } catch {
      throw new TokenContractError({ address: tokenAddress, reason: 'symbol() failed', cause: first })
    }
  }
  symbol = clean(symbol)
  if (symbol === '') throw new TokenContractError({ address: tokenAddress, reason: 'its symbol is empty' })
  const token: Token = { chainId, address: tokenAddress, symbol, decimals }
  const impersonates = getDefaultTokens({ chainId }).find(
    (t) => t.symbol.toLowerCase() === symbol.toLowerCase() && t.address !== tokenAddress,
  )
  return { token, impersonates }
}
