import { request } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'

export type HttpResult = { status: number; headers: IncomingHttpHeaders; body: Buffer }

/** A raw HTTP request to 127.0.0.1 with any Host header (fetch does not let a caller set Host). */
export function httpGet({ port, path, host, headers = {}, method = 'GET' }: { port: number; path: string; host?: string; headers?: Record<string, string>; method?: string }): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { ...headers, host: host ?? `127.0.0.1:${port}` } }, (res) => {
      const parts: Buffer[] = []
      res.on('data', (d: Buffer) => parts.push(d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}
