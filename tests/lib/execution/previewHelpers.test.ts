import { encodeErrorResult, parseAbi } from 'viem'
import { describe, expect, it } from 'vitest'
import { delegationOf, revertReason } from '../../../src/lib/execution/previewTransaction.ts'

describe('the preview\'s decoders', () => {
  it('reads an EIP-7702 delegation only from exactly 0xef0100 ‖ address', () => {
    const delegate = '0x00000000000000000000000000000000000c0de1'
    expect(delegationOf(`0xef0100${delegate.slice(2)}`)).toBe(delegate)
    expect(delegationOf(`0xEF0100${delegate.slice(2).toUpperCase()}`)).toBe(delegate)
    expect(delegationOf(`0xef0100${delegate.slice(2)}00`)).toBeUndefined() // longer: ordinary code
    expect(delegationOf(`0xef0101${delegate.slice(2)}`)).toBeUndefined()
    expect(delegationOf('0x')).toBeUndefined()
  })

  it('decodes Error(string), Panic(uint256) and names a custom error by its selector', () => {
    const error = encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: ['insufficient balance'] })
    expect(revertReason('revert', error)).toBe('insufficient balance')
    const panic = encodeErrorResult({ abi: parseAbi(['error Panic(uint256)']), errorName: 'Panic', args: [0x11n] })
    expect(revertReason('revert', panic)).toBe('panic 17')
    const custom = encodeErrorResult({ abi: parseAbi(['error NotOwner(address)']), errorName: 'NotOwner', args: ['0x000000000000000000000000000000000000beef'] })
    expect(revertReason('revert', custom)).toBe(`revert (custom error ${custom.slice(0, 10)})`)
    expect(revertReason('out of gas', '0x')).toBe('out of gas')
  })
})
