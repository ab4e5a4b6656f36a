import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Tamper = (method: string, params: any[], result: any) => any

/**
 * A JSON-RPC proxy in front of an upstream node that can rewrite results (single or batch), used to
 * play a lying provider. `calls` lists the methods it forwarded, `exchanges` the methods of each HTTP exchange.
 */
export async function startTamperingProxy({ upstream }: { upstream: string }) {
  const state: { tamper: Tamper | undefined; calls: string[]; exchanges: string[][] } = { tamper: undefined, calls: [], exchanges: [] }
  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', async () => {
      try {
        const body = JSON.parse(raw)
        const items: any[] = Array.isArray(body) ? body : [body]
        state.calls.push(...items.map((i) => i.method))
        state.exchanges.push(items.map((i) => i.method))
        const upstreamAnswer = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw }).then((r) => r.json())
        const answers: any[] = Array.isArray(upstreamAnswer) ? upstreamAnswer : [upstreamAnswer]
        for (const answer of answers) {
          const request = items.find((i) => i.id === answer.id)
          if (state.tamper && request && 'result' in answer) answer.result = state.tamper(request.method, request.params, structuredClone(answer.result))
        }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(Array.isArray(body) ? answers : answers[0]))
      } catch (error) {
        res.writeHead(500)
        res.end(String(error))
      }
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    stop: () => {
      server.closeAllConnections()
      return new Promise<void>((ok) => server.close(() => ok()))
    },
  }
}
