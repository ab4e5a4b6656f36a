import type { LightClientUpdate } from '@lodestar/types'
import { IrrelevantUpdateError } from './errors.ts'
import { computeSyncCommitteePeriodAtSlot as periodOf } from './spec/computeSyncCommitteePeriodAtSlot.ts'
import type { LightClientStore, SpecContext } from './spec/LightClientStore.ts'
import { processLightClientUpdate } from './spec/processLightClientUpdate.ts'
import { noteVerifiedSyncAggregate, syncAggregateCheckId } from './spec/verifiedSignatures.ts'
import type { DeferredSyncAggregateCheck } from './spec/verifySyncAggregate.ts'

export type PreverifySignaturesParameters = {
  context: SpecContext
  store: LightClientStore
  /** In the order they are about to be applied (hand-overs, then finality, then heads). */
  updates: LightClientUpdate[]
  currentSlot: number
}

/**
 * Verifies ahead, in one multi-pairing (BlsBackend.verifyMultiple: one final exponentiation
 * instead of one per signature), the sync-aggregate signatures that applying `updates` in order
 * will check, and records those that hold (verifiedSignatures.ts); applying them afterwards, one
 * by one as before, then skips their pairings. Which committee checks which update depends on the
 * updates before it, so they are found by a dry run of process_light_client_update on a copy of
 * the store, with the checks handed over instead of verified. Nothing is applied or trusted here:
 * when the batch fails (a forged signature among them) nothing is recorded, and the real run
 * verifies each signature alone and refuses the first bad one with its own typed error, blamed on
 * the endpoint that served it. A dry run stops at the first update the spec refuses: the real run
 * refuses it too.
 */
export function preverifySignatures({ context, store, updates, currentSlot }: PreverifySignaturesParameters): void {
  const checks: DeferredSyncAggregateCheck[] = []
  // The same check met twice in one run (identical finality and optimistic updates) is paired once.
  const defer = (check: DeferredSyncAggregateCheck) => {
    const id = syncAggregateCheckId(check)
    if (!checks.some((c) => c.committee === check.committee && syncAggregateCheckId(c) === id)) checks.push(check)
  }
  const dryRun: SpecContext = { config: context.config, bls: context.bls, deferSignature: defer }
  const trial: LightClientStore = { ...store }
  for (const update of updates) {
    // As LightClient skips it: signed in a period before the store's.
    if (periodOf(update.signatureSlot) < periodOf(trial.finalizedHeader.beacon.slot)) continue
    try {
      processLightClientUpdate({ context: dryRun, store: trial, update, currentSlot })
    } catch (error) {
      if (error instanceof IrrelevantUpdateError) continue
      break
    }
  }
  // A single check costs the same alone: the real run does it.
  if (checks.length < 2) return
  if (context.bls.verifyMultiple(checks.map(({ key, signingRoot, syncAggregate }) => ({ key, message: signingRoot, signature: syncAggregate.syncCommitteeSignature }))))
    for (const check of checks) noteVerifiedSyncAggregate(check)
}

