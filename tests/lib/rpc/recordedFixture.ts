import type { VerifiedHeaderSource } from '../../../src/lib/execution/types.ts'
import { toExecutionHeader } from '../../../src/lib/rpc/toExecutionHeader.ts'
import { LODESTAR, readFixture } from '../execution/fixtures.ts'

/**
 * A lodestar prover fixture served offline: the header source trusts the beacon execution payload's
 * block hash, and a fake fetch answers JSON-RPC from the recorded answers (by method and address).
 */
export function recordedFixture(file: string) {
  const fixture = readFixture(`${LODESTAR}/${file}`)
  const block = fixture.execution.block
  const answers: { method: string; params: any[]; result: unknown }[] = []
  for (const dep of fixture.dependentRequests ?? []) {
    const payloads = Array.isArray(dep.payload) ? dep.payload : [dep.payload]
    const responses = Array.isArray(dep.response) ? dep.response : [dep.response]
    payloads.forEach((p: any, i: number) => answers.push({ method: p.method, params: p.params, result: responses[i].result }))
  }
  const asked: string[] = []
  const answer = (method: string, params: any[]): unknown => {
    asked.push(method)
    if (method === 'eth_getBlockByHash') return block
    const found = answers.find((a) => a.method === method && (method === 'eth_createAccessList' || a.params[0].toLowerCase() === params[0].toLowerCase()))
    if (!found) throw new Error(`no recorded answer for ${method} ${JSON.stringify(params)}`)
    return found.result
  }
  const fetch = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body))
    const items: any[] = Array.isArray(body) ? body : [body]
    const out = items.map((item) => {
      try {
        return { jsonrpc: '2.0', id: item.id, result: answer(item.method, item.params) }
      } catch (error) {
        return { jsonrpc: '2.0', id: item.id, error: { code: -32000, message: (error as Error).message } }
      }
    })
    return new Response(JSON.stringify(Array.isArray(body) ? out : out[0]))
  }) as typeof globalThis.fetch
  const header = toExecutionHeader({ header: { ...block, hash: fixture.beacon.executionPayload.block_hash } })
  const headers: VerifiedHeaderSource = { getExecutionHeader: async () => header }
  return { fixture, fetch, headers, asked, answers }
}
