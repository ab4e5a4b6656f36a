// The local batch gateway (ENSIP-21) against viem's own (not exported; imported here from its file):
// the same encoded answer for the same queries and gateway replies, the same limits (queries,
// bytes, nesting, requests in flight).
import { type Hex, HttpRequestError, decodeFunctionResult, encodeFunctionData, padHex, stringToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { type CcipRequest, ccipReadLimit, createCcipReadBudget, localBatchGatewayRequest, localBatchGatewayUrl } from '../../../src/lib/ens/localBatchGatewayRequest.ts'
import { batchGatewayAbi } from '../../../src/lib/ens/universalResolverAbi.ts'
import { outcome } from '../rpc/actions/sameAsViem.ts'

// viem's file, by path (its package exports do not name it), typed by its declaration.
const viemFile = '../../../node_modules/viem/_esm/utils/ens/localBatchGatewayRequest.js'
const { createCcipReadBudget: viemBudget, localBatchGatewayRequest: viemRequest } = (await import(viemFile)) as typeof import('../../../node_modules/viem/_types/utils/ens/localBatchGatewayRequest.js')

const sender = '0x00000000000000000000000000000000000000a7' as const
type Query = { sender: `0x${string}`; urls: string[]; data: Hex }
const batch = (queries: Query[]) => encodeFunctionData({ abi: batchGatewayAbi, functionName: 'query', args: [queries] })
const query = (n: number, urls = [`https://gw${n}.example/`]): Query => ({ sender, urls, data: padHex(`0x${n.toString(16).padStart(2, '0')}`, { size: 4 }) })

/** A gateway stand-in: answers `data` doubled, fails gw13 with a 500 and gw14 with a plain error, counts requests in flight. */
function gateway(reply: (data: Hex) => Hex = (d) => `${d}${d.slice(2)}`) {
  const state = { requests: 0, inFlight: 0, maxInFlight: 0 }
  const request: CcipRequest = async ({ data, urls }) => {
    state.requests++
    state.inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
    await new Promise((r) => setTimeout(r, 1))
    state.inFlight--
    if (urls[0]?.includes('gw13')) throw new HttpRequestError({ url: urls[0], status: 500, details: 'down' })
    if (urls[0]?.includes('gw14')) throw new Error('socket hang up')
    return reply(data)
  }
  return { request, state }
}

async function both(data: Hex, reply?: (data: Hex) => Hex, budget?: (b: { bytes: number; queries: number }) => void) {
  const ours = gateway(reply)
  const theirs = gateway(reply)
  const b1 = createCcipReadBudget()
  const b2 = viemBudget()
  budget?.(b1)
  budget?.(b2)
  const mine = await outcome(() => localBatchGatewayRequest({ data, ccipRequest: ours.request, budget: b1 }))
  const viems = await outcome(() => viemRequest({ data, ccipRequest: theirs.request as never, budget: b2 }))
  expect(mine).toEqual(viems)
  expect(ours.state).toEqual(theirs.state)
  return { mine: mine as { value?: Hex; error?: { shortMessage: string }[] }, state: ours.state, budget: b1 }
}

describe('localBatchGatewayRequest, as viem runs it', () => {
  it('answers each query, a failed one as HttpError or Error(string)', async () => {
    const { mine } = await both(batch([query(1), query(13), query(14), query(2, [])]))
    const [failures, responses] = decodeFunctionResult({ abi: batchGatewayAbi, functionName: 'query', data: mine.value! })
    expect(failures).toEqual([false, true, true, false])
    expect(responses[0]).toBe('0x0000000100000001')
    expect(responses[1]!.slice(0, 10)).toBe('0x01800152') // HttpError(uint16,string)
    expect(responses[2]!.slice(0, 10)).toBe('0x08c379a0') // Error(string)
  })

  it('runs a nested batch, and refuses one nested too deep', async () => {
    const nested = (depth: number): Hex => (depth === 0 ? batch([query(1)]) : batch([{ sender, urls: [localBatchGatewayUrl], data: nested(depth - 1) }]))
    const ok = await both(nested(ccipReadLimit.depth - 1))
    expect(ok.state.requests).toBe(1)
    const deep = await both(nested(ccipReadLimit.depth))
    // The innermost batch is refused: its one query fails (the levels above only pass that answer up).
    expect(deep.state.requests).toBe(0)
    expect(deep.mine.value).toContain(stringToHex('HTTP request failed.').slice(2))
    expect(ok.mine.value).not.toContain(stringToHex('HTTP request failed.').slice(2))
  })

  it('stops at the query budget (each URL counts) and keeps at most 16 requests in flight', async () => {
    const many = await both(batch(Array.from({ length: 40 }, (_, i) => query(20 + i))))
    expect(many.state.maxInFlight).toBe(ccipReadLimit.concurrency)
    const over = await both(batch([query(1, ['https://a.example/', 'https://b.example/']), query(2), query(3)]), undefined, (b) => (b.queries = 2))
    expect(over.state.requests).toBe(1)
    expect(decodeFunctionResult({ abi: batchGatewayAbi, functionName: 'query', data: over.mine.value! })[0]).toEqual([false, true, true])
  })

  it('fails the whole batch over the byte budget', async () => {
    const over = await both(batch([query(1), query(2)]), () => `0x${'ab'.repeat(64)}`, (b) => (b.bytes = 100))
    expect(over.mine.error?.[0]?.shortMessage).toBe('HTTP request failed.')
  })
})
