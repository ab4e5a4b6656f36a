import type { Address } from '../execution/types.ts'

export type PreviewCallTransaction = { from: Address; to?: Address | null; value?: bigint; data?: `0x${string}`; gas?: bigint }

/**
 * The JSON-RPC transaction object a preview is simulated as (what getTransactionPreview asks, and
 * what a preview bundle states, so the verifier re-runs exactly that).
 */
export function toPreviewCall({ from, to, value, data, gas }: PreviewCallTransaction): Record<string, string> {
  const hex = (n: bigint) => `0x${n.toString(16)}`
  return { from, ...(to && { to }), ...(data && { data }), ...(value !== undefined && { value: hex(value) }), ...(gas !== undefined && { gas: hex(gas) }) }
}
