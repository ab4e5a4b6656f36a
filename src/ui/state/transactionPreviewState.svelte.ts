import type { Abi } from 'viem'
import type { PreviewTransactionReturnType } from '../../lib/execution/previewTransaction.ts'
import type { BundleClaim } from '../../lib/bundle/types.ts'
import type { Address } from '../../lib/execution/types.ts'
import type { ChainEngine } from '../engine/createChainEngine.ts'
import { errorText } from '../display/errorText.ts'
import { type ValueEvidence, toValueEvidence } from '../engine/readWithEvidence.ts'

export type PreviewTransaction = { from: Address; to: Address; value: bigint; data: `0x${string}` }

/**
 * The balance-change preview of the transaction under review, computed locally over proven state
 * at the block the review was read at. A failure leaves no preview, only the reason: a partial
 * preview could hide the one change that matters.
 */
export class TransactionPreviewState {
  #status = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle')
  #result = $state.raw<PreviewTransactionReturnType | undefined>(undefined)
  #evidence = $state.raw<ValueEvidence | undefined>(undefined)
  #error = $state<string | undefined>(undefined)
  #errorName = $state<string | undefined>(undefined)
  #run = 0

  get status() { return this.#status }
  get result() { return this.#result }
  /** What the preview was computed over ("What was checked"): the block, the proofs the local EVM ran on, who served them. */
  get evidence() { return this.#evidence }
  get error() { return this.#error }
  get errorName() { return this.#errorName }

  async load({ engine, chainId, block, transaction, abi }: { engine: ChainEngine; chainId: number; block: bigint; transaction: PreviewTransaction; abi?: Abi }): Promise<void> {
    const run = ++this.#run
    this.#status = 'loading'
    this.#result = undefined
    this.#evidence = undefined
    this.#error = undefined
    try {
      const { getTransactionPreview } = await import('../../lib/rpc/getTransactionPreview.ts')
      // Recorded as it runs: the block's header, every proof the EVM asked for and who served it.
      const recorded = engine.recordRead()
      const header = await recorded.context.getHeader(block)
      const result = await getTransactionPreview({ headers: recorded.context.headers, client: recorded.context.client, chainId, block, transaction, abi })
      // Export proof states the transaction as simulated and what the preview shows; the verifier
      // re-runs the same simulation over the bundle's proofs and compares every row.
      const [{ toPreviewCall }, { toPreviewOutcome }] = await Promise.all([import('../../lib/rpc/toPreviewCall.ts'), import('../../lib/bundle/toPreviewOutcome.ts')])
      const claim: BundleClaim = { kind: 'preview', transaction: toPreviewCall(transaction), ...toPreviewOutcome(result) }
      const evidence = await toValueEvidence({ engine, read: recorded.evidence, header, claim })
      if (run !== this.#run) return
      this.#result = result
      this.#evidence = evidence
      this.#status = 'ready'
    } catch (error) {
      if (run !== this.#run) return
      this.#error = errorText(error)
      this.#errorName = (error as Error)?.name
      this.#status = 'failed'
    }
  }

  clear(): void {
    this.#run++
    this.#status = 'idle'
    this.#result = undefined
    this.#evidence = undefined
    this.#error = undefined
  }
}
