import { numberToHex } from 'viem'
import { prepareVerifiedCall } from './prepareVerifiedCall.ts'
import type { MethodHandler } from './types.ts'

/** eth_estimateGas, found by running the call locally over proven state (see estimateVerifiedGas). */
export const eth_estimateGas: MethodHandler = async ({ params, context }) => {
  const prepared = await prepareVerifiedCall({ context, params, method: 'eth_estimateGas' })
  const { estimateVerifiedGas } = await import('../execution/estimateVerifiedGas.ts')
  return numberToHex((await estimateVerifiedGas(prepared)).gas)
}
