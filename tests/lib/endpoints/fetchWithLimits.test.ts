import { type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { HttpStatusError, NetworkError, RateLimitedError, RequestTimeoutError, ResponseTooLargeError } from '../../../src/lib/endpoints/errors.ts'
import { fetchWithLimits } from '../../../src/lib/endpoints/fetchWithLimits.ts'

const servers: Server[] = []
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections()
    await new Promise((ok) => s.close(ok))
  }
})

/** A real HTTP server answering each request with `answer(res, body)`. */
async function serve(answer: (res: ServerResponse, body: string, method: string) => void): Promise<string> {
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => answer(res, body, req.method ?? ''))
  })
  servers.push(server)
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`
}

const limits = { kind: 'beacon API' as const, timeoutMs: 2_000, maxBytes: 1_000 }

describe('fetchWithLimits', () => {
  it('GETs and POSTs, returning status, headers and the body', async () => {
    const url = await serve((res, body, method) => { res.writeHead(200, { 'x-method': method }); res.end(`${method}:${body}`) })
    const got = await fetchWithLimits({ url, ...limits })
    expect([got.status, got.headers.get('x-method'), new TextDecoder().decode(got.body)]).toEqual([200, 'GET', 'GET:'])
    const posted = await fetchWithLimits({ url, ...limits, method: 'POST', body: '{"id":1}' })
    expect(new TextDecoder().decode(posted.body)).toBe('POST:{"id":1}')
  })

  it('turns each way an exchange fails into its own error, naming the endpoint', async () => {
    const limited = await serve((res) => { res.writeHead(429, { 'retry-after': '3' }); res.end('slow down') })
    await expect(fetchWithLimits({ url: limited, ...limits })).rejects.toMatchObject({ name: 'RateLimitedError', url: limited, retryAfterMs: 3000 })
    await expect(fetchWithLimits({ url: limited, ...limits })).rejects.toBeInstanceOf(RateLimitedError)

    const failing = await serve((res) => { res.writeHead(503); res.end('maintenance until noon') })
    const status = await fetchWithLimits({ url: failing, ...limits }).catch((e) => e)
    expect(status).toBeInstanceOf(HttpStatusError)
    expect(status).toMatchObject({ status: 503, kind: 'beacon API', shortMessage: `The beacon API at ${failing} answered HTTP 503.`, details: 'maintenance until noon' })

    const huge = await serve((res) => { res.writeHead(200); res.end('x'.repeat(5_000)) })
    await expect(fetchWithLimits({ url: huge, ...limits })).rejects.toMatchObject({ name: 'ResponseTooLargeError', limit: 1_000 })
    await expect(fetchWithLimits({ url: huge, ...limits })).rejects.toBeInstanceOf(ResponseTooLargeError)

    const hang = await serve(() => {})
    await expect(fetchWithLimits({ url: hang, ...limits, timeoutMs: 200 })).rejects.toBeInstanceOf(RequestTimeoutError)

    const cut = await serve((res) => { res.writeHead(200, { 'content-length': '500' }); res.write('{"data": '); setTimeout(() => res.destroy(), 20) })
    const broke = await fetchWithLimits({ url: cut, ...limits }).catch((e) => e)
    expect(broke).toBeInstanceOf(NetworkError)
    expect(broke).toMatchObject({ phase: 'body', shortMessage: `The beacon API at ${cut} broke off the connection mid-answer.` })

    const refused = await fetchWithLimits({ url: 'http://127.0.0.1:1/x', ...limits, kind: 'RPC' }).catch((e) => e)
    expect(refused).toBeInstanceOf(NetworkError)
    expect(refused).toMatchObject({ phase: 'connect', shortMessage: 'The RPC at http://127.0.0.1:1/x could not be reached.' })
  })
})
