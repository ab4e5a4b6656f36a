import type { BlsBackend } from './bls/BlsBackend.ts'
import { createBlsWarmUp } from './bls/warmUpBls.ts'
import { SyncCommittee } from './lightClientSsz.ts'
import { syncCommitteeRoot } from './spec/syncCommitteeRoot.ts'

export type CreateSyncCoreWarmUpParameters = { bls: BlsBackend }

/**
 * The sync core's hot code, run once on data of its own while the light client waits for the user
 * (a link's review): hash_tree_root over a 512-key committee (an all-zero one, built here: the
 * bootstrap's branch check and every hand-over hash one), then the BLS signature path (createBlsWarmUp:
 * decoding and hashing, then the pairing). A fresh worker otherwise compiles and optimises all of
 * it on the first bootstrap and update. Returned as steps, each a short synchronous run, so that the
 * caller yields between them and stops when the real start arrives. Nothing they compute is kept
 * or trusted; the last step returns whether the fixed signature verified (it does, for a correct
 * backend).
 */
export function createSyncCoreWarmUp({ bls }: CreateSyncCoreWarmUpParameters): (() => unknown)[] {
  const signature = createBlsWarmUp({ bls })
  return [() => syncCommitteeRoot(SyncCommittee.defaultValue()), signature.prepare, signature.verify]
}
