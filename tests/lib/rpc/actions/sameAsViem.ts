import { type Client, createClient, custom } from 'viem'
import { CallRevertedError } from '../../../../src/lib/rpc/errors.ts'

export type Answer = { result: unknown } | { revert: { reason: string; data: `0x${string}` } } | { error: Error }

/** A client whose transport records each request and answers it as `answer` says (a revert as the verified transport throws it). */
export function recordingClient(answer: (method: string) => Answer): { client: Client; requests: { method: string; params: unknown }[] } {
  const requests: { method: string; params: unknown }[] = []
  const client = createClient({
    transport: custom({
      async request({ method, params }: { method: string; params: unknown }) {
        requests.push({ method, params })
        const a = answer(method)
        if ('result' in a) return a.result
        if ('revert' in a) throw new CallRevertedError(a.revert)
        throw a.error
      },
    }, { retryCount: 0 }),
  })
  return { client, requests }
}

/** What an error shows: its class chain, names and messages (viem's errors render their cause chain in `message`). */
export function describeError(error: unknown): unknown {
  const chain: unknown[] = []
  for (let e = error as { name?: string; shortMessage?: string; message?: string; cause?: unknown; constructor: { name: string }; data?: unknown; reason?: unknown } | undefined, depth = 0; e && depth < 8; e = e.cause as typeof e, depth++)
    chain.push({ class: e.constructor.name, name: e.name, shortMessage: e.shortMessage, message: e.message, data: e.data, reason: e.reason })
  return chain
}

/** Runs `f`, returning its value or the description of what it threw. */
export async function outcome(f: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await f() }
  } catch (error) {
    return { error: describeError(error) }
  }
}
