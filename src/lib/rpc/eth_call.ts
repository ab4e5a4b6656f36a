import { CallRevertedError } from './errors.ts'
import { prepareVerifiedCall } from './prepareVerifiedCall.ts'
import type { MethodHandler } from './types.ts'

/**
 * eth_call, executed in a local EVM over state proven against the verified block; the RPC only
 * supplies proofs (and an access-list hint). The EVM is loaded on first use.
 */
export const eth_call: MethodHandler = async ({ params, context }) => {
  const prepared = await prepareVerifiedCall({ context, params, method: 'eth_call' })
  const { runVerifiedCall } = await import('../execution/runVerifiedCall.ts')
  const outcome = await runVerifiedCall(prepared)
  if (outcome.error) throw new CallRevertedError({ reason: outcome.error, data: outcome.returnData })
  return outcome.returnData
}
