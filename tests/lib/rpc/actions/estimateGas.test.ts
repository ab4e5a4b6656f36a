// The verified client's estimateGas (src/lib/rpc/actions/estimateGas.ts) against viem's own for an
// address account: the same eth_estimateGas request (viem's prepare step sends nothing for it), the
// same result and the same errors.
import { estimateGas as viemEstimateGas } from 'viem/actions'
import { describe, expect, it } from 'vitest'
import { estimateGas } from '../../../../src/lib/rpc/actions/estimateGas.ts'
import { type Answer, outcome, recordingClient } from './sameAsViem.ts'

const from = '0x00000000000000000000000000000000000000a1' as const
const to = '0x00000000000000000000000000000000000000b2' as const
const asks = [
  { account: from, to, value: 10n ** 18n },
  { account: from, to, data: '0xa9059cbb' as const, blockNumber: 99n },
  { account: from, to, data: '0x' as const, blockTag: 'latest' as const, maxFeePerGas: 30n, maxPriorityFeePerGas: 2n },
]
const answers: [string, Answer][] = [
  ['an estimate', { result: '0x5208' }],
  ['a revert', { revert: { reason: 'Ownable: caller is not the owner', data: '0x08c379a0' } }],
  ['a node error', { error: Object.assign(new Error('insufficient funds for gas * price + value'), { code: -32000 }) }],
]

describe('estimateGas', () => {
  it.each(answers)('sends what viem sends and gives what viem gives: %s', async (_, answer) => {
    for (const ask of asks) {
      const ours = recordingClient(() => answer)
      const theirs = recordingClient(() => answer)
      expect(await outcome(() => estimateGas(ours.client, ask))).toEqual(await outcome(() => viemEstimateGas(theirs.client, ask)))
      expect(ours.requests).toEqual(theirs.requests)
    }
  })

  it('refuses a fee field it would not send the way viem does', async () => {
    const { client } = recordingClient(() => ({ result: '0x5208' }))
    await expect(estimateGas(client, { account: from, to, gasPrice: 1n } as never)).rejects.toThrow("`gasPrice` is not supported by the verified client's estimateGas.")
  })
})
