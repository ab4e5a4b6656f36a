import type { Common } from '@ethereumjs/common'

export type TransactionGasParameters = {
  /** A Common with @ethereumjs/tx's gas parameters merged in (paramsTx). */
  common: Common
  data: Uint8Array
  isCreate: boolean
  accessList: { address: string; storageKeys: readonly string[] }[]
  authorizations: number
}
export type TransactionGasReturnType = {
  /** Gas charged before the first opcode (the yellow paper's g0). */
  intrinsic: bigint
  /** EIP-7623 calldata floor: the least a transaction with this data pays (0 before Prague). */
  floor: bigint
}

/**
 * What a transaction pays before execution, as @ethereumjs/tx's getIntrinsicGas and
 * getCalldataFloorGas compute it up to Osaka: base and creation gas, calldata (EIP-2028),
 * initcode words (EIP-3860), access list (EIP-2930), authorizations (EIP-7702), and the
 * EIP-7623 floor. Written here so that the local EVM does not load @ethereumjs/tx (a transaction
 * class, RLP, signatures and blob types) for two sums over the call's fields.
 */
export function transactionGas({ common, data, isCreate, accessList, authorizations }: TransactionGasParameters): TransactionGasReturnType {
  let zeros = 0n
  for (const byte of data) if (byte === 0) zeros++
  const nonZeros = BigInt(data.length) - zeros
  const base = common.param('txGas')
  let intrinsic = base + zeros * common.param('txDataZeroGas') + nonZeros * common.param('txDataNonZeroGas')
  if (isCreate) {
    intrinsic += common.param('txCreationGas')
    if (common.isActivatedEIP(3860)) intrinsic += common.param('initCodeWordGas') * BigInt(Math.ceil(data.length / 32))
  }
  if (common.isActivatedEIP(2930)) {
    const keys = accessList.reduce((sum, item) => sum + item.storageKeys.length, 0)
    intrinsic += BigInt(accessList.length) * common.param('accessListAddressGas') + BigInt(keys) * common.param('accessListStorageKeyGas')
  }
  if (authorizations > 0) intrinsic += BigInt(authorizations) * common.param('perEmptyAccountCost')
  // EIP-7623: tokens = zero bytes + 4 * non-zero bytes.
  const floor = common.isActivatedEIP(7623) ? base + common.param('totalCostFloorPerToken') * (zeros + 4n * nonZeros) : 0n
  return { intrinsic, floor }
}
