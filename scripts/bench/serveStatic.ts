import { readFile } from 'node:fs/promises'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' }

export type StaticServer = { url: string; close(): Promise<void> }

/** Serves a directory on 127.0.0.1 (random port), no CSP: the bench page only. */
export async function serveStatic({ dir }: { dir: string }): Promise<StaticServer> {
  const root = path.resolve(dir)
  const server: Server = createServer(async (req, res) => {
    const file = path.resolve(root, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`)
    if (!file.startsWith(root + path.sep)) return void res.writeHead(403).end()
    try {
      const body = await readFile(file)
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve())
      // Browsers keep connections alive: do not wait for them to time out.
      server.closeAllConnections()
    }),
  }
}
