import { createVerifiedEvm } from './createVerifiedEvm.ts'
import { CallExecutionError } from './errors.ts'
import { type RunVerifiedCallParameters, prefetchRequests } from './runVerifiedCall.ts'

export type EstimateVerifiedGasParameters = RunVerifiedCallParameters
export type EstimateVerifiedGasReturnType = { gas: bigint; missFetches: number }

/**
 * eth_estimateGas semantics over proven state: the smallest gas limit with which the call
 * succeeds, found like geth does (run once with the cap, then binary search between the gas used
 * and the cap). Every run is local; only proofs for newly touched state cost a round trip.
 */
export async function estimateVerifiedGas(parameters: EstimateVerifiedGasParameters): Promise<EstimateVerifiedGasReturnType> {
  const evm = parameters.evm ?? (await createVerifiedEvm(parameters))
  const missesBefore = evm.state.missFetches
  await evm.state.prefetch(prefetchRequests(parameters))
  const cap = parameters.call.gas ?? evm.gasCap
  const first = await evm.run({ call: parameters.call, gasLimit: cap })
  if (first.error) throw new CallExecutionError({ reason: `the call fails even with ${cap} gas (${first.error})` })
  const succeeds = async (gas: bigint) => !(await evm.run({ call: parameters.call, gasLimit: gas }).catch(() => ({ error: 'invalid' }))).error
  let lo = first.gasUsed - 1n
  let hi = cap
  // Most calls succeed at their gas used (or at 64/63 of it): try that before bisecting.
  const guess = (first.gasUsed * 64n) / 63n
  if (guess < hi && (await succeeds(first.gasUsed))) hi = first.gasUsed
  else if (guess < hi && (await succeeds(guess))) hi = guess
  while (lo + 1n < hi) {
    const mid = (lo + hi) / 2n
    if (await succeeds(mid)) hi = mid
    else lo = mid
  }
  return { gas: hi, missFetches: evm.state.missFetches - missesBefore }
}
