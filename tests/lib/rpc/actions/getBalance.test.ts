// The verified client's getBalance (src/lib/rpc/actions/getBalance.ts) against viem's own on a
// client that does not batch: the same eth_getBalance request and the same value or error.
import { getBalance as viemGetBalance } from 'viem/actions'
import { describe, expect, it } from 'vitest'
import { getBalance } from '../../../../src/lib/rpc/actions/getBalance.ts'
import { type Answer, outcome, recordingClient } from './sameAsViem.ts'

const address = '0x00000000000000000000000000000000000000a1' as const

describe('getBalance', () => {
  it.each([['a balance', { result: '0xde0b6b3a7640000' }], ['a failure', { error: new Error('no verified header') }]] as [string, Answer][])('asks and answers as viem does: %s', async (_, answer) => {
    for (const ask of [{ address }, { address, blockNumber: 77n }, { address, blockTag: 'finalized' as const }]) {
      const ours = recordingClient(() => answer)
      const theirs = recordingClient(() => answer)
      expect(await outcome(() => getBalance(ours.client, ask))).toEqual(await outcome(() => viemGetBalance(theirs.client, ask)))
      expect(ours.requests).toEqual(theirs.requests)
    }
  })
})
