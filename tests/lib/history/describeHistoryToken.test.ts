import { describe, expect, it } from 'vitest'
import { describeHistoryToken } from '../../../src/lib/history/describeHistoryToken.ts'
import { getDefaultTokens } from '../../../src/lib/wallet/defaultTokens.ts'

const defaults = getDefaultTokens({ chainId: 1 })
const usdc = defaults.find((t) => t.symbol === 'USDC')!
const fake = '0x00000000000000000000000000000000000fa4e0' as const

describe('describeHistoryToken', () => {
  it('shows a listed token by its metadata, not new', () => {
    expect(describeHistoryToken({ address: usdc.address, defaults, list: defaults, nft: false })).toMatchObject({ symbol: 'USDC', isNew: false, impersonates: undefined })
  })

  it('flags a token seen in the history as new until it is in the list', () => {
    const seen = describeHistoryToken({ address: fake, defaults, list: defaults, read: { symbol: 'HIST', decimals: 18 }, nft: false })
    expect(seen).toMatchObject({ symbol: 'HIST', decimals: 18, isNew: true, impersonates: undefined })
    const added = describeHistoryToken({ address: fake, defaults, list: [...defaults, { chainId: 1, address: fake, symbol: 'HIST', decimals: 18 }], nft: false })
    expect(added.isNew).toBe(false)
  })

  it('keeps a look-alike of a listed symbol flagged, also once added', () => {
    const seen = describeHistoryToken({ address: fake, defaults, list: defaults, read: { symbol: 'usdc' }, nft: false })
    expect(seen.impersonates?.address).toBe(usdc.address)
    const added = describeHistoryToken({ address: fake, defaults, list: [...defaults, { chainId: 1, address: fake, symbol: 'USDC', decimals: 6 }], nft: false })
    expect(added).toMatchObject({ isNew: false, impersonates: usdc })
  })
})
