import { describe, expect, it } from 'vitest'
import { RpcResponseError } from '../../../src/lib/rpc/errors.ts'
import { readAtServedBlock } from '../../../src/lib/rpc/readAtServedBlock.ts'

const head = { block: 100n, slot: 2000, timestamp: 1_700_000_000n }
const notFound = (block: bigint) => new RpcResponseError({ url: 'http://rpc', method: 'eth_getProof', code: -32000, message: `header not found (block ${block})` })
// viem's wrapping of a transport error: the provider's error sits under a cause.
const wrapped = (cause: Error) => Object.assign(new Error('An unknown RPC error occurred.'), { name: 'UnknownRpcError', cause })
const timestamps = (block: bigint) => Promise.resolve(head.timestamp - (head.block - block) * 12n)

describe('readAtServedBlock (an RPC a block or two behind the light client)', () => {
  it('reads at the head when it is served', async () => {
    const result = await readAtServedBlock({ head, secondsPerSlot: 12, read: async (b) => `at ${b}`, getTimestamp: timestamps })
    expect(result).toEqual({ value: 'at 100', at: head, fallbackFrom: undefined })
  })

  it('falls back to the verified parent, with its own slot and timestamp, and names the head it fell back from', async () => {
    const read = async (b: bigint) => { if (b === 100n) throw wrapped(notFound(b)); return `at ${b}` }
    const result = await readAtServedBlock({ head, secondsPerSlot: 12, read, getTimestamp: timestamps })
    expect(result).toEqual({ value: 'at 99', at: { block: 99n, slot: 1999, timestamp: head.timestamp - 12n }, fallbackFrom: 100n })
  })

  it('goes back at most two blocks, then gives the first error', async () => {
    const asked: bigint[] = []
    const read = async (b: bigint) => { asked.push(b); throw notFound(b) }
    const error = await readAtServedBlock({ head, secondsPerSlot: 12, read, getTimestamp: timestamps }).catch((e) => e)
    expect(error).toBeInstanceOf(RpcResponseError)
    expect(error.message).toContain('block 100')
    expect(asked).toEqual([100n, 99n, 98n])
  })

  it('does not fall back on any other failure (a forged proof is the answer, not a reason to look elsewhere)', async () => {
    const forged = Object.assign(new Error('The provider\'s balance does not match the proof.'), { name: 'AccountProofMismatchError' })
    const asked: bigint[] = []
    const read = async (b: bigint) => { asked.push(b); throw forged }
    await expect(readAtServedBlock({ head, secondsPerSlot: 12, read, getTimestamp: timestamps })).rejects.toBe(forged)
    expect(asked).toEqual([100n])
  })
})
