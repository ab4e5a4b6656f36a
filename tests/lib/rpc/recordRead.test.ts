import { expect, it } from 'vitest'
import { VerificationError } from '../../../src/lib/execution/errors.ts'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import type { VerifiedHeaderSource } from '../../../src/lib/execution/types.ts'

// Two providers answering eth_chainId: the first with a wrong id (refused by the verify below), the second right.
const fetch = (async (url: string, init: RequestInit) => {
  const body = JSON.parse(String(init.body))
  const answer = (r: { id: number }) => ({ jsonrpc: '2.0', id: r.id, result: url.includes('liar') ? '0x2' : '0x1' })
  return new Response(JSON.stringify(Array.isArray(body) ? body.map(answer) : answer(body)), { headers: { 'content-type': 'application/json' } })
}) as typeof globalThis.fetch
const headers: VerifiedHeaderSource = { getExecutionHeader: async () => { throw new Error('not used') } }
const verify = (results: unknown[]) => {
  if (results[0] !== '0x1') throw new TestMismatchError()
  return results[0]
}
class TestMismatchError extends VerificationError {
  override name = 'TestMismatchError'
  constructor() { super('wrong chain id') }
}

it('recordRead records who answered with what, and the provider refused with its error class', async () => {
  const { recordRead } = createVerifiedRequest({ headers, rpcs: ['http://liar.test', 'http://honest.test'], chainId: 1, fetch })
  const recorded = recordRead()
  await expect(recorded.context.client.batch([{ method: 'eth_chainId', params: [] }], verify)).resolves.toBe('0x1')
  expect(recorded.evidence.answers).toEqual([{ url: 'http://honest.test', requests: [{ method: 'eth_chainId', params: [] }], results: ['0x1'] }])
  expect(recorded.evidence.rejected).toEqual([expect.objectContaining({ url: 'http://liar.test', errorName: 'TestMismatchError', verification: true })])
})

it('recordRead({ keepResults: false }) keeps only who answered and who was refused', async () => {
  const { recordRead } = createVerifiedRequest({ headers, rpcs: ['http://liar.test', 'http://honest.test'], chainId: 1, fetch })
  const recorded = recordRead({ keepResults: false })
  await recorded.context.client.batch([{ method: 'eth_chainId', params: [] }], verify)
  expect(recorded.evidence.answers).toEqual([{ url: 'http://honest.test', requests: [], results: [] }])
  expect(recorded.evidence.rejected.map((r) => r.url)).toContain('http://liar.test')
})
