import { formatEther } from 'viem'
import { computeFees } from './computeFees.ts'
import { InsufficientFundsForFeeError } from './errors.ts'

export type PriceTransactionParameters = {
  gas: bigint
  value: bigint
  ethBalance: bigint
  baseFeePerGas: bigint
  maxPriorityFeePerGas?: bigint
  /** The verified block `ethBalance` was read at: a refusal names it. */
  block?: bigint
}
export type PriceTransactionReturnType = {
  fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  expectedFee: bigint
  maxFee: bigint
  maxTotalEth: bigint
  formatted: { expectedFee: string; maxFee: string; maxTotalEth: string }
}

/** A transaction's EIP-1559 fees and what the review shows of them; refuses what the ETH balance cannot cover at the maximum fee. */
export function priceTransaction({ gas, value, ethBalance, baseFeePerGas, maxPriorityFeePerGas, block }: PriceTransactionParameters): PriceTransactionReturnType {
  const fees = computeFees({ baseFeePerGas, maxPriorityFeePerGas })
  const maxFee = gas * fees.maxFeePerGas
  const maxTotalEth = value + maxFee
  if (maxTotalEth > ethBalance) throw new InsufficientFundsForFeeError({ required: maxTotalEth, balance: ethBalance, format: formatEther, block })
  const expectedFee = gas * (baseFeePerGas + fees.maxPriorityFeePerGas)
  return { fees, expectedFee, maxFee, maxTotalEth, formatted: { expectedFee: `${formatEther(expectedFee)} ETH`, maxFee: `${formatEther(maxFee)} ETH`, maxTotalEth: `${formatEther(maxTotalEth)} ETH` } }
}
