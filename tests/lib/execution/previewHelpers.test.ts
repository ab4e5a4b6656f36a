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
    // With the ABI the user pasted, its custom errors read as words; OpenZeppelin's always do.
    expect(revertReason('revert', custom, parseAbi(['error NotOwner(address caller)']))).toBe('NotOwner(caller: 0x000000000000000000000000000000000000bEEF)')
    const oz = encodeErrorResult({ abi: parseAbi(['error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)']), errorName: 'ERC20InsufficientAllowance', args: ['0x000000000000000000000000000000000000bEEF', 1n, 2n] })
    expect(revertReason('revert', oz)).toBe('ERC20InsufficientAllowance(spender: 0x000000000000000000000000000000000000bEEF, allowance: 1, needed: 2)')
  })
})
