import type { BlsBackend } from './bls/BlsBackend.ts'
import { warmUpBls } from './bls/warmUpBls.ts'
import { SyncCommittee } from './lightClientSsz.ts'

export type WarmUpSyncCoreParameters = { bls: BlsBackend }

/**
 * Runs the sync core's hot code once on data of its own, while the light client waits for the
 * user (a link's review): the BLS signature path (warmUpBls) and hash_tree_root over a 512-key
 * committee (an all-zero one, built here: the bootstrap's branch check and every hand-over hash
 * one). A fresh worker otherwise compiles and optimises both on the first bootstrap and update.
 * Nothing it computes is kept or trusted; returns whether the BLS check verified.
 */
export function warmUpSyncCore({ bls }: WarmUpSyncCoreParameters): boolean {
  SyncCommittee.hashTreeRoot(SyncCommittee.defaultValue())
  return warmUpBls({ bls })
}
