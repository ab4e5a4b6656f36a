import { type Anvil, startAnvil as startDevnetAnvil } from '../../../scripts/devnet/anvil.ts'

export type { Anvil }

/** Anvil alone on a free loopback port, mining a block per transaction (the execution side's tests). */
export function startAnvil({ args = [] }: { args?: string[] } = {}): Promise<Anvil> {
  return startDevnetAnvil({ automine: true, args })
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
