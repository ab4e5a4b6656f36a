import { MAX_CALLS_PER_BLOCK } from './createVerifiedCache.ts'
import { CallRevertedError } from './errors.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import { prepareVerifiedCall } from './prepareVerifiedCall.ts'
import type { MethodHandler } from './types.ts'

/**
 * eth_call, executed in a local EVM over state proven against the verified block; the RPC only
 * supplies proofs (and an access-list hint). The EVM is loaded on first use.
 */
export const eth_call: MethodHandler = async ({ params, context }) => {
  // A call's result is a function of the block's state and header alone (overrides are refused):
  // the same call at the same verified block is answered from the cache, by the block's hash.
  const key = context.cache && params[2] == null && params[3] == null ? toCallKey(params[0]) : undefined
  if (key !== undefined) {
    const { blockHash } = await context.getHeader(parseBlockTag({ block: params[1] }))
    const calls = context.cache!.at(blockHash).calls
    if (calls.has(key)) return calls.get(key)
  }
  const prepared = await prepareVerifiedCall({ context, params, method: 'eth_call' })
  const { runVerifiedCall } = await import('../execution/runVerifiedCall.ts')
  const outcome = await runVerifiedCall(prepared)
  if (outcome.error) throw new CallRevertedError({ reason: outcome.error, data: outcome.returnData })
  if (key !== undefined) {
    // Kept under the block the call ran at (the head may have moved since the lookup above).
    const calls = context.cache!.at(prepared.header.hash).calls
    calls.set(key, outcome.returnData)
    if (calls.size > MAX_CALLS_PER_BLOCK) calls.delete(calls.keys().next().value!)
  }
  return outcome.returnData
}

function toCallKey(call: unknown): string | undefined {
  try {
    return JSON.stringify(call)
  } catch {
    return undefined // not JSON (e.g. a bigint field): not cached, parseCallRequest says what is wrong
  }
}
