import { parseGwei } from 'viem'

export const defaultPriorityFee = parseGwei('1')

export type ComputeFeesParameters = {
  /** Base fee of the latest verified header. */
  baseFeePerGas: bigint
  /** Tip for the block proposer; default 1 gwei. */
  maxPriorityFeePerGas?: bigint
}
export type ComputeFeesReturnType = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }

/** EIP-1559 fees: 2 x base fee + tip survives six consecutive full blocks (+12.5% each). */
export function computeFees({ baseFeePerGas, maxPriorityFeePerGas = defaultPriorityFee }: ComputeFeesParameters): ComputeFeesReturnType {
  if (baseFeePerGas < 0n || maxPriorityFeePerGas < 0n) throw new RangeError('fees must not be negative')
  return { maxFeePerGas: 2n * baseFeePerGas + maxPriorityFeePerGas, maxPriorityFeePerGas }
}
