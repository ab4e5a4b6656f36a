import { encodeFunctionData, parseAbi } from 'viem'
import { describe, expect, it } from 'vitest'
import { buildRescueCall } from '../../../src/lib/contract/buildRescueCall.ts'
import { ArgumentParseError } from '../../../src/lib/contract/errors.ts'
import { decodeCalldata } from '../../../src/lib/contract/decodeCalldata.ts'
import { InvalidAddressError, TooManyDecimalsError } from '../../../src/lib/wallet/errors.ts'

const ME = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

describe('decodeCalldata', () => {
  it('decodes the rescue actions with the standards, naming the source', () => {
    const transfer = buildRescueCall({ action: 'erc20-transfer', from: ME, contract: TOKEN, counterparty: BOB, amount: '1.5', decimals: 6, symbol: 'TST' })
    expect(transfer.to).toBe(TOKEN)
    expect(decodeCalldata({ data: transfer.data })).toEqual({
      functionName: 'transfer',
      signature: 'transfer(address,uint256)',
      args: [{ name: 'to', type: 'address', value: BOB }, { name: 'amount', type: 'uint256', value: '1500000' }],
      source: 'ERC-20',
    })
    const revoke = buildRescueCall({ action: 'erc20-revoke', from: ME, contract: TOKEN, counterparty: BOB })
    expect(decodeCalldata({ data: revoke.data })).toMatchObject({ signature: 'approve(address,uint256)', source: 'ERC-20 / ERC-721', args: [{ value: BOB }, { value: '0' }] })
    const unwrap = buildRescueCall({ action: 'weth-unwrap', from: ME, contract: TOKEN, amount: '0.25' })
    expect(decodeCalldata({ data: unwrap.data })).toMatchObject({ signature: 'withdraw(uint256)', source: 'WETH', args: [{ value: '250000000000000000' }] })
    const nft = buildRescueCall({ action: 'erc721-transfer', from: ME, contract: TOKEN, counterparty: BOB, amount: '7' })
    expect(decodeCalldata({ data: nft.data })).toMatchObject({ signature: 'safeTransferFrom(address,address,uint256)', source: 'ERC-721', args: [{ value: ME }, { value: BOB }, { value: '7' }] })
  })

  it("prefers the user's ABI, and leaves unknown calldata undecoded", () => {
    const abi = parseAbi(['function rescue(address token, uint256[] ids)'])
    const data = encodeFunctionData({ abi, functionName: 'rescue', args: [TOKEN, [1n, 2n]] })
    expect(decodeCalldata({ data, abi })).toEqual({ functionName: 'rescue', signature: 'rescue(address,uint256[])', args: [{ name: 'token', type: 'address', value: TOKEN }, { name: 'ids', type: 'uint256[]', value: '["1","2"]' }], source: 'your ABI' })
    expect(decodeCalldata({ data })).toBeUndefined()
    expect(decodeCalldata({ data: '0x' })).toBeUndefined()
    // The right selector with truncated arguments does not decode.
    expect(decodeCalldata({ data: buildRescueCall({ action: 'erc20-revoke', from: ME, contract: TOKEN, counterparty: BOB }).data.slice(0, 40) as `0x${string}` })).toBeUndefined()
  })

  it('refuses bad rescue input by name', () => {
    expect(() => buildRescueCall({ action: 'erc20-transfer', from: ME, contract: '0x12', counterparty: BOB, amount: '1', decimals: 6 })).toThrow(InvalidAddressError)
    expect(() => buildRescueCall({ action: 'erc20-transfer', from: ME, contract: TOKEN, counterparty: BOB, amount: '1.0000001', decimals: 6 })).toThrow(TooManyDecimalsError)
    expect(() => buildRescueCall({ action: 'erc20-approve', from: ME, contract: TOKEN, counterparty: BOB, amount: '1' })).toThrow(ArgumentParseError)
    expect(() => buildRescueCall({ action: 'erc721-transfer', from: ME, contract: TOKEN, counterparty: BOB, amount: '1.5' })).toThrow(/token id/)
  })
})
