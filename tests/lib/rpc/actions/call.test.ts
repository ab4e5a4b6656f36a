// The verified client's call (src/lib/rpc/actions/call.ts) against viem's own: the same eth_call
// request, the same result, the same errors (a revert with its data, a node error), and a refusal of
// what viem's action would do that this one does not (deployless calls, overrides).
import { call as viemCall } from 'viem/actions'
import { describe, expect, it } from 'vitest'
import { call } from '../../../../src/lib/rpc/actions/call.ts'
import { type Answer, outcome, recordingClient } from './sameAsViem.ts'

const from = '0x00000000000000000000000000000000000000a1' as const
const to = '0x00000000000000000000000000000000000000b2' as const
const asks = [
  { account: from, to, data: '0x70a08231' as const, value: 5n },
  { to, data: '0x12345678' as const, blockNumber: 1234n },
  { account: from, to, data: '0x' as const, blockTag: 'safe' as const, gas: 100_000n, maxFeePerGas: 3n, maxPriorityFeePerGas: 1n, nonce: 2 },
]
const answers: [string, Answer][] = [
  ['a result', { result: `0x${'00'.repeat(31)}2a` }],
  ['an empty result', { result: '0x' }],
  ['a revert with a reason', { revert: { reason: 'ERC20: transfer amount exceeds balance', data: '0x08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000264552433230' } }],
  ['a revert without data', { revert: { reason: 'revert', data: '0x' } }],
  ['a transport failure', { error: new Error('every RPC failed') }],
]

describe('call', () => {
  it.each(answers)('sends what viem sends and gives what viem gives: %s', async (_, answer) => {
    for (const ask of asks) {
      const ours = recordingClient(() => answer)
      const theirs = recordingClient(() => answer)
      expect(await outcome(() => call(ours.client, ask))).toEqual(await outcome(() => viemCall(theirs.client, ask)))
      expect(ours.requests).toEqual(theirs.requests)
    }
  })

  it("refuses viem's deployless calls and overrides instead of dropping them", async () => {
    const { client, requests } = recordingClient(() => ({ result: '0x' }))
    for (const extra of [{ code: '0x6000' }, { factory: from, factoryData: '0x' }, { stateOverride: [] }, { blockHash: `0x${'11'.repeat(32)}` }])
      await expect(call(client, { to, data: '0x', ...extra } as never)).rejects.toThrow(`\`${Object.keys(extra)[0]}\` is not supported by the verified client's call.`)
    expect(requests).toEqual([])
  })

  it('does not follow an OffchainLookup revert to a gateway (no CCIP-read: nothing a gateway says is verified)', async () => {
    // OffchainLookup(address sender, string[] urls, bytes callData, bytes4 callbackFunction, bytes extraData)
    const data = '0x556f1830' as const
    const { client, requests } = recordingClient(() => ({ revert: { reason: 'revert', data } }))
    const error = (await outcome(() => call(client, { to, data: '0x12345678' }))) as { error: { name: string; data?: unknown }[] }
    expect(error.error[0]!.name).toBe('CallExecutionError')
    expect(requests.map((r) => r.method)).toEqual(['eth_call'])
  })
})
