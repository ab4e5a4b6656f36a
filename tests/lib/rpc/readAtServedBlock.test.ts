import { describe, expect, it } from 'vitest'
import { RpcResponseError } from '../../../src/lib/rpc/errors.ts'
import { ancestorSlot, readAtServedBlock } from '../../../src/lib/rpc/readAtServedBlock.ts'

const notFound = (block: bigint) => new RpcResponseError({ url: 'http://rpc', method: 'eth_getProof', code: -32000, message: `header not found (block ${block})` })
// viem's wrapping of a transport error: the provider's error sits under a cause.
const wrapped = (cause: Error) => Object.assign(new Error('An unknown RPC error occurred.'), { name: 'UnknownRpcError', cause })
const blocks = [100n, 99n, 98n]

describe('readAtServedBlock (an RPC a block or two behind the light client)', () => {
  it('reads at the head when it is served', async () => {
    const result = await readAtServedBlock({ blocks, read: async (b) => `at ${b}` })
    expect(result).toEqual({ value: 'at 100', block: 100n, fallbackReason: undefined })
  })

  it('falls back to the next verified block, through viem\'s wrapping, and keeps the head\'s error as the reason', async () => {
    const refused = wrapped(notFound(100n))
    const read = async (b: bigint) => { if (b === 100n) throw refused; return `at ${b}` }
    const result = await readAtServedBlock({ blocks, read })
    expect(result).toEqual({ value: 'at 99', block: 99n, fallbackReason: refused })
  })

  it('goes back no further than the blocks it is given, then gives the first error', async () => {
    const asked: bigint[] = []
    const read = async (b: bigint) => { asked.push(b); throw notFound(b) }
    const error = await readAtServedBlock({ blocks, read }).catch((e) => e)
    expect(error).toBeInstanceOf(RpcResponseError)
    expect(error.message).toContain('block 100')
    expect(asked).toEqual([100n, 99n, 98n])
  })

  it('does not fall back on any other failure (a forged proof is the answer, not a reason to look elsewhere)', async () => {
    const forged = Object.assign(new Error('The provider\'s balance does not match the proof.'), { name: 'AccountProofMismatchError' })
    const asked: bigint[] = []
    const read = async (b: bigint) => { asked.push(b); throw forged }
    await expect(readAtServedBlock({ blocks, read })).rejects.toBe(forged)
    expect(asked).toEqual([100n])
  })
})

describe('ancestorSlot', () => {
  it('gives a verified ancestor its own slot from the two timestamps (12 s slots, one block and one missed slot back)', () => {
    const head = { slot: 2000, timestamp: 1_700_000_000n }
    expect(ancestorSlot({ head, timestamp: head.timestamp - 12n, secondsPerSlot: 12 })).toBe(1999)
    expect(ancestorSlot({ head, timestamp: head.timestamp - 36n, secondsPerSlot: 12 })).toBe(1997)
  })
})

