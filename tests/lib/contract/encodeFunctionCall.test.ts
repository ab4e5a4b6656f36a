import { encodeAbiParameters, parseAbiItem } from 'viem'
import { describe, expect, it } from 'vitest'
import { decodeFunctionCallResult, encodeFunctionCall } from '../../../src/lib/contract/encodeFunctionCall.ts'
import { ArgumentParseError } from '../../../src/lib/contract/errors.ts'

const fn = (signature: string) => parseAbiItem(signature) as never

describe('encodeFunctionCall', () => {
  it('encodes the typed text as the function\'s calldata', () => {
    const data = encodeFunctionCall({ fn: fn('function transfer(address to, uint256 amount)'), values: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '1000'] })
    // transfer(address,uint256) selector, the address, 1000
    expect(data).toBe('0xa9059cbb00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c800000000000000000000000000000000000000000000000000000000000003e8')
  })

  it('refuses an argument that does not fit its type by name', () => {
    expect(() => encodeFunctionCall({ fn: fn('function transfer(address to, uint256 amount)'), values: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '-1'] })).toThrow(ArgumentParseError)
  })
})

describe('decodeFunctionCallResult', () => {
  it('gives one value per output, for one output and for several', () => {
    const one = fn('function balanceOf(address) view returns (uint256)')
    expect(decodeFunctionCallResult({ fn: one, data: encodeAbiParameters([{ type: 'uint256' }], [7n]) })).toEqual([7n])
    const two = fn('function pair() view returns (uint8 a, bool b)')
    expect(decodeFunctionCallResult({ fn: two, data: encodeAbiParameters([{ type: 'uint8' }, { type: 'bool' }], [3, true]) })).toEqual([3, true])
  })
})
