import type { Common } from '@ethereumjs/common'
import { paramsBlock } from '@ethereumjs/block'
import { paramsTx } from '@ethereumjs/tx'

/**
 * The gas and blob-fee parameters that @ethereumjs/tx and @ethereumjs/block would add to the Common
 * (intrinsic gas, access lists, authorizations, blob base fee): only these tables are taken from
 * the two packages (they are side-effect free, so the transaction and block classes stay out).
 */
export const evmParams = mergeByEip(paramsBlock, paramsTx)

function mergeByEip(a: typeof paramsTx, b: typeof paramsTx): typeof paramsTx {
  const merged: typeof paramsTx = {}
  for (const eip of new Set([...Object.keys(a), ...Object.keys(b)])) merged[eip] = { ...a[eip], ...b[eip] }
  return merged
}

/** EIP-4844's blob base fee (BLOBBASEFEE), as @ethereumjs/block's computeBlobGasPrice. */
export function blobBaseFee(common: Common, excessBlobGas: bigint): bigint {
  return fakeExponential(common.param('minBlobGas'), excessBlobGas, common.param('blobGasPriceUpdateFraction'))
}

// EIP-4844's fake_exponential: factor * e ** (numerator / denominator), in integers.
function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n
  let output = 0n
  let accumulator = factor * denominator
  while (accumulator > 0n) {
    output += accumulator
    accumulator = (accumulator * numerator) / (denominator * i)
    i++
  }
  return output / denominator
}
