import { type AccessList, type Account, type Address, BaseError, type BlockTag, type Hex } from 'viem'

/**
 * What the verified client's `call` and `estimateGas` take: a plain (EIP-1559 priced) transaction at a block.
 * Not viem's deployless calls (`code`, `factory`), multicall batching, state or block overrides,
 * which the verified transport refuses or never needs.
 */
export type VerifiedCallParameters = {
  account?: Address | Account
  to?: Address
  data?: Hex
  value?: bigint
  gas?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
  nonce?: number
  accessList?: AccessList
} & ({ blockNumber?: bigint; blockTag?: undefined } | { blockNumber?: undefined; blockTag?: BlockTag })

const known = new Set(['account', 'to', 'data', 'value', 'gas', 'maxFeePerGas', 'maxPriorityFeePerGas', 'nonce', 'accessList', 'blockNumber', 'blockTag'])

/** Refuses what viem's action would have done and these do not (readContract passes viem's parameters through). */
export function assertVerifiedCallParameters(parameters: object, action: 'call' | 'estimateGas'): void {
  for (const [key, value] of Object.entries(parameters))
    if (value !== undefined && !known.has(key)) throw new BaseError(`\`${key}\` is not supported by the verified client's ${action}.`)
}
