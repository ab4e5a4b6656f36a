import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MalformedResponseError, RequestTimeoutError, ResponseTooLargeError } from '../../../src/lib/endpoints/errors.ts'
import { InvalidAccountProofError } from '../../../src/lib/execution/errors.ts'
import { createRpcClient } from '../../../src/lib/rpc/createRpcClient.ts'
import { AllProvidersFailedError, RpcResponseError } from '../../../src/lib/rpc/errors.ts'
import { fetchJsonRpc } from '../../../src/lib/rpc/fetchJsonRpc.ts'

type Behaviour = (body: any) => { status?: number; text?: string; delay?: number; json?: unknown } | 'hang'

/** A tiny JSON-RPC server whose answers each test scripts; it records the methods it was asked. */
function startServer(behaviour: Behaviour) {
  const calls: string[] = []
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const body = JSON.parse(raw)
      calls.push(...(Array.isArray(body) ? body : [body]).map((b: any) => b.method))
      const answer = behaviour(body)
      if (answer === 'hang') return
      setTimeout(() => {
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' })
        res.end(answer.text ?? JSON.stringify(answer.json))
      }, answer.delay ?? 0)
    })
  })
  return new Promise<{ url: string; calls: string[]; server: Server }>((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, server })),
  )
}

const echo: Behaviour = (body) => ({
  json: Array.isArray(body) ? body.map((b) => ({ jsonrpc: '2.0', id: b.id, result: `${b.method}:ok` })) : { jsonrpc: '2.0', id: body.id, result: `${body.method}:ok` },
})

/** Waits (up to 10 s) for a condition that other servers settle asynchronously. */
async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((ok) => setTimeout(ok, 50))
}

const servers: Server[] = []
async function server(behaviour: Behaviour) {
  const s = await startServer(behaviour)
  servers.push(s.server)
  return s
}
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections()
    await new Promise((ok) => s.close(ok))
  }
})

describe('fetchJsonRpc', () => {
  it('sends single requests and batches, matching answers by id', async () => {
    const s = await server((body) => ({
      // answer a batch in reverse order: ids, not positions, must be used
      json: Array.isArray(body) ? [...body].reverse().map((b) => ({ jsonrpc: '2.0', id: b.id, result: b.method })) : { jsonrpc: '2.0', id: body.id, result: 1 },
    }))
    expect(await fetchJsonRpc({ url: s.url, requests: [{ method: 'a' }], timeout: 5000, maxResponseBytes: 1e6 })).toEqual([{ result: 1 }])
    const outcomes = await fetchJsonRpc({ url: s.url, requests: [{ method: 'a' }, { method: 'b' }, { method: 'c' }], timeout: 5000, maxResponseBytes: 1e6 })
    expect(outcomes).toEqual([{ result: 'a' }, { result: 'b' }, { result: 'c' }])
  })

  it('rejects garbage, missing ids, oversize answers and slow providers with clear errors', async () => {
    const garbage = await server(() => ({ text: '<html>502 Bad Gateway</html>' }))
    const error = await fetchJsonRpc({ url: garbage.url, requests: [{ method: 'a' }], timeout: 5000, maxResponseBytes: 1e6 }).catch((e) => e)
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect(error.message).toContain('502 Bad Gateway')
    const wrongId = await server(() => ({ json: { jsonrpc: '2.0', id: 999999, result: 1 } }))
    await expect(fetchJsonRpc({ url: wrongId.url, requests: [{ method: 'a' }], timeout: 5000, maxResponseBytes: 1e6 })).rejects.toThrow(MalformedResponseError)
    const huge = await server((body) => ({ json: { jsonrpc: '2.0', id: body.id, result: 'x'.repeat(100_000) } }))
    await expect(fetchJsonRpc({ url: huge.url, requests: [{ method: 'a' }], timeout: 5000, maxResponseBytes: 10_000 })).rejects.toThrow(ResponseTooLargeError)
    const hang = await server(() => 'hang')
    await expect(fetchJsonRpc({ url: hang.url, requests: [{ method: 'a' }], timeout: 200, maxResponseBytes: 1e6 })).rejects.toThrow(RequestTimeoutError)
  })

  it('returns JSON-RPC errors as outcomes', async () => {
    const s = await server((body) => ({ json: { jsonrpc: '2.0', id: body.id, error: { code: -32000, message: 'nonce too low' } } }))
    expect(await fetchJsonRpc({ url: s.url, requests: [{ method: 'a' }], timeout: 5000, maxResponseBytes: 1e6 })).toEqual([{ error: { code: -32000, message: 'nonce too low', data: undefined } }])
  })
})

describe('createRpcClient', () => {
  it('fails over past dead, hanging and garbage providers, and records their health', async () => {
    const hang = await server(() => 'hang')
    const garbage = await server(() => ({ text: 'not json' }))
    const good = await server(echo)
    const client = createRpcClient({ urls: ['http://127.0.0.1:1', hang.url, garbage.url, good.url], timeout: 1000 })
    expect(await client.request({ method: 'eth_chainId' })).toBe('eth_chainId:ok')
    const health = client.providers()
    expect(health.map((p) => p.failures)).toEqual([1, 1, 1, 0])
    expect(health[3].successes).toBe(1)
    expect(health.every((p) => !p.faulty)).toBe(true)
    // the next call goes to the healthy provider first
    const before = good.calls.length
    await client.request({ method: 'eth_blockNumber' })
    expect(good.calls.length).toBe(before + 1)
    expect(hang.calls).toHaveLength(1)
  })

  it('marks a provider faulty when its answer fails verification and gets the answer from another', async () => {
    const liar = await server((body) => ({ json: { jsonrpc: '2.0', id: body.id, result: 'lie' } }))
    const honest = await server((body) => ({ json: { jsonrpc: '2.0', id: body.id, result: 'truth' } }))
    const client = createRpcClient({ urls: [liar.url, honest.url] })
    const verify = (result: unknown) => {
      if (result !== 'truth') throw new InvalidAccountProofError({ address: '0x0000000000000000000000000000000000000001', stateRoot: '0x00' })
      return result
    }
    expect(await client.request({ method: 'eth_getProof' }, verify)).toBe('truth')
    expect(client.providers()[0]).toMatchObject({ faulty: true, faultReason: expect.stringContaining('does not verify'), faultName: 'InvalidAccountProofError' })
    await client.request({ method: 'eth_getProof' }, verify)
    expect(liar.calls).toHaveLength(1) // never asked again
    // The proof names the liar: the verifier never sees a URL, the client does.
    const [fault] = client.provenFaults()
    expect(fault).toMatchObject({ url: liar.url, error: { name: 'InvalidAccountProofError', url: liar.url } })
    expect(fault!.error.message).toContain(`served by: ${liar.url}`)
    expect(client.provenFaults()).toHaveLength(1)
    // The honest one goes down: the failure still carries the liar's proof (a lie, not an outage).
    honest.server.closeAllConnections()
    await new Promise((ok) => honest.server.close(ok))
    const failure = await client.request({ method: 'eth_getProof' }, verify).catch((e) => e)
    expect(failure).toBeInstanceOf(AllProvidersFailedError)
    expect(failure.errors.map((e: Error & { url?: string }) => [e.name, e.url])).toEqual([['NetworkError', honest.url], ['InvalidAccountProofError', liar.url]])
    expect(liar.calls).toHaveLength(1)
  })

  it('hedges: a slow provider is raced by the next one, and the first verified answer wins', async () => {
    const slow = await server((body) => ({ delay: 1500, json: { jsonrpc: '2.0', id: body.id, result: 'slow' } }))
    const fast = await server((body) => ({ json: { jsonrpc: '2.0', id: body.id, result: 'fast' } }))
    expect(await createRpcClient({ urls: [slow.url, fast.url], hedgeAfter: 50 }).request({ method: 'a' })).toBe('fast')
    expect(await createRpcClient({ urls: [slow.url, fast.url], hedgeAfter: Infinity }).request({ method: 'a' })).toBe('slow')
  })

  it('batches several requests to one provider', async () => {
    const s = await server(echo)
    const client = createRpcClient({ urls: [s.url] })
    expect(await client.batch([{ method: 'a' }, { method: 'b' }])).toEqual(['a:ok', 'b:ok'])
    expect(s.calls).toEqual(['a', 'b'])
  })

  it('throws AllProvidersFailedError listing every failure, or the JSON-RPC error all providers agree on', async () => {
    const garbage = await server(() => ({ text: '{' }))
    const down = await server(() => ({ status: 503, text: '' }))
    const error: any = await createRpcClient({ urls: [garbage.url, down.url] }).request({ method: 'x' }).catch((e) => e)
    expect(error).toBeInstanceOf(AllProvidersFailedError)
    expect(error.errors.map((e: Error) => e.name)).toEqual(['MalformedResponseError', 'HttpStatusError'])
    const refusing = await server((body) => ({ json: { jsonrpc: '2.0', id: body.id, error: { code: -32000, message: 'nonce too low' } } }))
    const rpcError: any = await createRpcClient({ urls: [refusing.url] }).request({ method: 'eth_sendRawTransaction' }).catch((e) => e)
    expect(rpcError).toBeInstanceOf(RpcResponseError)
    expect(rpcError.message).toContain('nonce too low')
  })

  it('broadcasts to every provider and resolves with the first success', async () => {
    const a = await server(echo)
    const b = await server(echo)
    const down = await server(() => ({ status: 500, text: '' }))
    const client = createRpcClient({ urls: [a.url, down.url, b.url] })
    expect(await client.broadcast({ method: 'eth_sendRawTransaction', params: ['0x01'] })).toBe('eth_sendRawTransaction:ok')
    await until(() => a.calls.length + b.calls.length + down.calls.length === 3)
    expect([a.calls, b.calls, down.calls]).toEqual([['eth_sendRawTransaction'], ['eth_sendRawTransaction'], ['eth_sendRawTransaction']])
  })
})

describe('createRpcClient and real providers\' habits', () => {
  const answer = (b: any, result: unknown = `${b.method}:ok`) => ({ jsonrpc: '2.0', id: b.id, result })

  it('HTTP 429 backs a provider off for its Retry-After: others first, it is not faulty', async () => {
    let limited = 0
    const busy = await server(() => (limited++, { status: 429, text: 'slow down' }))
    const other = await server(echo)
    const clock = 0
    const client = createRpcClient({ urls: [busy.url, other.url], now: () => clock, hedgeAfter: Infinity })
    expect(await client.request({ method: 'eth_getProof' })).toBe('eth_getProof:ok')
    expect(client.providers()[0]).toMatchObject({ faulty: false, rateLimitedUntil: 1000 })
    // Backed off: the next request goes to the other provider first.
    await client.request({ method: 'eth_getProof' })
    expect(limited).toBe(1)
    expect(client.providers()[0]!.faulty).toBe(false)
    // Alone and still backed off past the timeout: reported as rate-limited, not asked, not faulty.
    const alone = createRpcClient({ urls: [busy.url], now: () => clock, timeout: 500 })
    await alone.request({ method: 'eth_getProof' }).catch(() => undefined)
    const failure = await alone.request({ method: 'eth_getProof' }).catch((e: AllProvidersFailedError) => e) as AllProvidersFailedError
    expect(failure.errors.map((e: Error) => e.name)).toEqual(['RateLimitedError'])
    expect(limited).toBe(2)
  })

  it('-32601 marks the method unsupported on that provider (not faulty); others answer it, and it still answers the rest', async () => {
    const partial = await server((b) => (Array.isArray(b) ? { json: b.map((x: any) => answer(x)) } : b.method === 'eth_getBlockReceipts'
      ? { json: { jsonrpc: '2.0', id: b.id, error: { code: -32601, message: 'the method eth_getBlockReceipts does not exist' } } } : { json: answer(b) }))
    const other = await server(echo)
    const client = createRpcClient({ urls: [partial.url, other.url], hedgeAfter: Infinity })
    expect(await client.request({ method: 'eth_getBlockReceipts' })).toBe('eth_getBlockReceipts:ok')
    expect(client.providers()[0]).toMatchObject({ faulty: false, unsupportedMethods: ['eth_getBlockReceipts'] })
    await client.request({ method: 'eth_getBlockReceipts' })
    expect(partial.calls.filter((m) => m === 'eth_getBlockReceipts')).toHaveLength(1)
    // Alone, the method is reported unsupported, not as a lie or an outage of the provider, which still answers the rest.
    const alone = createRpcClient({ urls: [partial.url] })
    const failure = await alone.request({ method: 'eth_getBlockReceipts' }).catch((e: AllProvidersFailedError) => e) as AllProvidersFailedError
    expect(failure.errors.map((e: Error) => e.name)).toEqual(['RpcMethodUnsupportedError'])
    expect(await alone.request({ method: 'eth_blockNumber' })).toBe('eth_blockNumber:ok')
    expect(alone.providers()[0]).toMatchObject({ faulty: false, unsupportedMethods: ['eth_getBlockReceipts'] })
  })

  it('splits a refused batch into single requests, and a cut one into batches of what came back', async () => {
    const refusing = await server((b) => (Array.isArray(b) ? { json: { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'batch not supported' } } } : { json: answer(b) }))
    const client = createRpcClient({ urls: [refusing.url] })
    const requests = ['a', 'b', 'c'].map((m) => ({ method: m }))
    expect(await client.batch(requests)).toEqual(['a:ok', 'b:ok', 'c:ok'])
    expect(client.providers()[0]).toMatchObject({ maxBatch: 1, faulty: false })

    const capped = await server((b) => (Array.isArray(b) ? { json: b.slice(0, 2).map((x: any) => answer(x)) } : { json: answer(b) }))
    const cappedClient = createRpcClient({ urls: [capped.url] })
    expect(await cappedClient.batch(['a', 'b', 'c', 'd', 'e'].map((m) => ({ method: m })))).toEqual(['a:ok', 'b:ok', 'c:ok', 'd:ok', 'e:ok'])
    expect(cappedClient.providers()[0]!.maxBatch).toBe(2)
  })
})

