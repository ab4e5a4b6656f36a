import type { PublicClient } from 'viem'
import { createPublicClient, createTestClient, getAddress, http } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDefaultTokens, hoodiTokens, mainnetTokens, sepoliaTokens } from '../../../src/lib/wallet/defaultTokens.ts'
import { InvalidAddressChecksumError, TokenContractError } from '../../../src/lib/wallet/errors.ts'
import { formatTokenAmount } from '../../../src/lib/wallet/formatTokenAmount.ts'
import { getTokenList } from '../../../src/lib/wallet/getTokenList.ts'
import { getTokenMetadata } from '../../../src/lib/wallet/getTokenMetadata.ts'
import { verifyAddress } from '../../../src/lib/wallet/verifyAddress.ts'
import type { TestAnvil } from './anvil.ts'
import { startTestAnvil } from './anvil.ts'
import { deployTestToken } from '../../helpers/deployTestToken.ts'

describe('default token lists', () => {
  it('every entry has a valid EIP-55 checksummed address, sane decimals, the right chain, no duplicates', () => {
    for (const [list, chainId] of [[mainnetTokens, 1], [sepoliaTokens, 11155111], [hoodiTokens, 560048]] as const) {
      expect(getDefaultTokens({ chainId })).toBe(list)
      for (const t of list) {
        expect(t.address).toMatch(/[A-F]/) // mixed case, so the checksum is actually checked
        expect(verifyAddress({ address: t.address })).toBe(t.address)
        expect(t.chainId).toBe(chainId)
        expect(Number.isInteger(t.decimals) && t.decimals <= 18).toBe(true)
      }
      expect(new Set(list.map((t) => t.address)).size).toBe(list.length)
      expect(new Set(list.map((t) => t.symbol)).size).toBe(list.length)
    }
    expect(mainnetTokens.find((t) => t.symbol === 'USDC')).toMatchObject({ address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', decimals: 6 })
    expect(getDefaultTokens({ chainId: 31337 })).toEqual([])
  })
  it('merges custom tokens for the chain, defaults first, one per address', () => {
    const custom = [
      { chainId: 1, address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: 'FAKE', decimals: 0 },
      { chainId: 1, address: '0x00000000000000000000000000000000000070c3', symbol: 'TST', decimals: 6 },
      { chainId: 5, address: '0x00000000000000000000000000000000000070c4', symbol: 'OTHER', decimals: 6 },
    ] as const
    const list = getTokenList({ chainId: 1, custom })
    expect(list).toHaveLength(mainnetTokens.length + 1)
    expect(list.find((t) => t.symbol === 'FAKE')).toBeUndefined()
    expect(getTokenList({ chainId: 31337 })).toEqual([])
  })
  it('formats amounts exactly in token units', () => {
    expect(formatTokenAmount({ amount: 1234500000n, decimals: 6, symbol: 'USDC' })).toBe('1234.5 USDC')
    expect(formatTokenAmount({ amount: 1n, decimals: 18, symbol: 'ETH' })).toBe('0.000000000000000001 ETH')
  })
})

describe('custom tokens read by eth_call (anvil)', () => {
  let anvil: TestAnvil
  let client: PublicClient
  const t = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as `0x${string}`
  // Compiled tokens (scripts/contracts/sources), deployed: TST, an MKR-style bytes32 symbol, a USDC
  // look-alike and one whose symbol hides a zero-width space and a newline.
  const tokens = {} as Record<'tst' | 'mkr' | 'usdc' | 'hidden', `0x${string}`>
  beforeAll(async () => {
    anvil = await startTestAnvil({ chainId: 1 })
    client = createPublicClient({ transport: http(anvil.url) }) as PublicClient
    const deploy = (symbol: string, decimals: number, contract?: 'Bytes32SymbolToken') =>
      deployTestToken({ rpcUrl: anvil.url, symbol, decimals, contract, noMining: true }).then((d) => d.address)
    tokens.tst = await deploy('TST', 6)
    tokens.mkr = await deploy('MKR', 18, 'Bytes32SymbolToken')
    tokens.usdc = await deploy('USDC', 6)
    tokens.hidden = await deploy('US\u200bDC\n', 6)
    const test = createTestClient({ mode: 'anvil', transport: http(anvil.url) })
    await test.setCode({ address: t(0x70c6), bytecode: '0x00' }) // code, but not a token
    await test.mine({ blocks: 1 })
  })
  afterAll(async () => {
    await anvil?.stop()
  })

  it('reads symbol and decimals, including bytes32 symbols', async () => {
    expect(await getTokenMetadata({ client, chainId: 1, address: tokens.tst })).toEqual({
      token: { chainId: 1, address: getAddress(tokens.tst), symbol: 'TST', decimals: 6 },
      impersonates: undefined,
    })
    expect((await getTokenMetadata({ client, chainId: 1, address: tokens.mkr })).token).toMatchObject({ symbol: 'MKR', decimals: 18 })
  })
  it('flags a token that copies a listed symbol, and strips invisible characters first', async () => {
    const r = await getTokenMetadata({ client, chainId: 1, address: tokens.usdc })
    expect(r.impersonates?.address).toBe('0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48')
    const hidden = await getTokenMetadata({ client, chainId: 1, address: tokens.hidden })
    expect(hidden.token.symbol).toBe('US DC')
  })
  it('refuses addresses without code, non-tokens and bad checksums', async () => {
    await expect(getTokenMetadata({ client, chainId: 1, address: t(0x1234) })).rejects.toThrow(/no contract/)
    await expect(getTokenMetadata({ client, chainId: 1, address: t(0x70c6) })).rejects.toThrow(TokenContractError)
    await expect(getTokenMetadata({ client, chainId: 1, address: '0xA0B86991c6218b36c1d19D4a2e9Eb0cE3606eB48' })).rejects.toThrow(InvalidAddressChecksumError)
  })
})
