import type { TransactionSerializableEIP1559 } from 'viem'
import type { ActivityRecord } from './activityStore.ts'
import { computeFees } from './computeFees.ts'
import { ReplacementNotPossibleError } from './errors.ts'

export type CreateReplacementParameters = {
  original: ActivityRecord
  /** speedUp: same transaction, higher fees. cancel: 0 ETH to self, same nonce, higher fees. */
  mode: 'speedUp' | 'cancel'
  /** Base fee of the latest verified header. */
  baseFeePerGas: bigint
  maxPriorityFeePerGas?: bigint
}
export type CreateReplacementReturnType = {
  transaction: TransactionSerializableEIP1559 & { chainId: number; nonce: number; gas: bigint; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  summary: ActivityRecord['summary']
  kind: 'speedUp' | 'cancel'
  replaces: ActivityRecord['hash']
}

// Nodes (geth's txpool, reth, anvil) only accept a same-nonce replacement whose tip and fee cap
// are both at least 10% higher; round up so integer division never lands just below.
const bump = (v: bigint) => (v * 110n + 99n) / 100n

/** A same-nonce replacement for a pending transaction, fees bumped >= 10% and at least the current market. */
export function createReplacement({ original, mode, baseFeePerGas, maxPriorityFeePerGas }: CreateReplacementParameters): CreateReplacementReturnType {
  if (original.status !== 'pending') throw new ReplacementNotPossibleError({ hash: original.hash, reason: `it is already ${original.status}` })
  const old = original.transaction
  if (old.maxFeePerGas === undefined || old.maxPriorityFeePerGas === undefined)
    throw new ReplacementNotPossibleError({ hash: original.hash, reason: 'it has no EIP-1559 fees' })
  const market = computeFees({ baseFeePerGas, maxPriorityFeePerGas })
  const tip = [bump(old.maxPriorityFeePerGas), market.maxPriorityFeePerGas].reduce((a, b) => (a > b ? a : b))
  let cap = [bump(old.maxFeePerGas), 2n * baseFeePerGas + tip].reduce((a, b) => (a > b ? a : b))
  if (cap < tip) cap = tip
  const common = { type: 'eip1559' as const, chainId: original.chainId, nonce: original.nonce, maxFeePerGas: cap, maxPriorityFeePerGas: tip }
  if (mode === 'speedUp')
    return {
      transaction: { ...old, ...common, gas: old.gas ?? 21000n },
      summary: original.summary,
      kind: 'speedUp',
      replaces: original.hash,
    }
  return {
    transaction: { ...common, to: original.from, value: 0n, data: undefined, gas: 21000n },
    summary: { recipient: original.from, amount: 0n, symbol: 'ETH', decimals: 18 },
    kind: 'cancel',
    replaces: original.hash,
  }
}
