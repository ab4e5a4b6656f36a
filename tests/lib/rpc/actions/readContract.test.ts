// The verified client's readContract (src/lib/rpc/actions/readContract.ts) against viem's own: the
// same call, the same decoded value, and the same decoded revert (a reason string, a custom error
// from the ABI, a panic) through viem's getContractError.
import { encodeErrorResult, erc20Abi, parseAbi } from 'viem'
import { readContract as viemReadContract } from 'viem/actions'
import { describe, expect, it } from 'vitest'
import { readContract } from '../../../../src/lib/rpc/actions/readContract.ts'
import { type Answer, outcome, recordingClient } from './sameAsViem.ts'

const token = '0x00000000000000000000000000000000000000c3'
const holder = '0x00000000000000000000000000000000000000d4'
const abi = [...erc20Abi, ...parseAbi(['error InsufficientBalance(address holder, uint256 needed)', 'function owner() view returns (address)'])]
const revert = (data: `0x${string}`): Answer => ({ revert: { reason: 'revert', data } })
const answers: [string, Answer][] = [
  ['a balance', { result: `0x${'00'.repeat(31)}07` }],
  ['no code (empty result)', { result: '0x' }],
  ['a reason string', revert(encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: ['not allowed'] }))],
  ['a custom error of the ABI', revert(encodeErrorResult({ abi, errorName: 'InsufficientBalance', args: [holder, 5n] }))],
  ['a panic', revert(encodeErrorResult({ abi: parseAbi(['error Panic(uint256)']), errorName: 'Panic', args: [0x11n] }))],
  ['an error the ABI does not know', revert('0xdeadbeef')],
]

describe('readContract', () => {
  it.each(answers)('calls and decodes as viem does: %s', async (_, answer) => {
    for (const ask of [{ address: token, abi, functionName: 'balanceOf', args: [holder] }, { address: token, abi, functionName: 'owner', blockNumber: 12n }] as const) {
      const ours = recordingClient(() => answer)
      const theirs = recordingClient(() => answer)
      expect(await outcome(() => readContract(ours.client, ask as never))).toEqual(await outcome(() => viemReadContract(theirs.client, ask as never)))
      expect(ours.requests).toEqual(theirs.requests)
    }
  })
})
