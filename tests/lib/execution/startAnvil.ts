import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const ANVIL = resolve(import.meta.dirname, '../../../node_modules/.bin/anvil')

export type Anvil = { url: string; stop(): Promise<void> }

/** Starts anvil on a free loopback port (automine on), resolving once it listens. */
export async function startAnvil({ args = [] }: { args?: string[] } = {}): Promise<Anvil> {
  const child = spawn(ANVIL, ['--port', '0', '--host', '127.0.0.1', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const url = await new Promise<string>((ok, fail) => {
    let out = ''
    const timer = setTimeout(() => fail(new Error(`anvil did not start: ${out}`)), 20_000)
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /Listening on ([\d.]+:\d+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        ok(`http://${match[1]}`)
      }
    })
    child.on('exit', (code) => fail(new Error(`anvil exited with ${code}: ${out}`)))
  })
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok()
        child.once('exit', () => ok())
        child.kill('SIGTERM')
      }),
  }
}

let id = 0
/** A plain JSON-RPC call, for test setup and for reading anvil's own (trusted, in tests) headers. */
export async function rpc<T = any>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
  })
  const body = await response.json()
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`)
  return body.result as T
}

/** Polls until the transaction is mined (anvil's automine answers before the block is sealed under load). */
export async function waitForReceipt<T = any>(url: string, hash: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const receipt = await rpc<T | null>(url, 'eth_getTransactionReceipt', [hash])
    if (receipt) return receipt
    await new Promise((ok) => setTimeout(ok, 50))
  }
  throw new Error(`transaction ${hash} was not mined`)
}
