/** Minimal JSON-RPC client for the devnet's own, trusted, anvil. */
export function createJsonRpc(url: string) {
  let id = 0
  return async function request<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    })
    const body = (await res.json()) as { result?: T; error?: { message: string } }
    if (body.error) throw new Error(`anvil ${method}: ${body.error.message}`)
    return body.result as T
  }
}
export type JsonRpc = ReturnType<typeof createJsonRpc>
