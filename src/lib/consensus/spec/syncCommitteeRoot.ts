import type { altair } from '@lodestar/types'
import { SyncCommittee } from '../lightClientSsz.ts'

const roots = new WeakMap<altair.SyncCommittee, Uint8Array>()

/**
 * hash_tree_root(SyncCommittee), computed once per committee object: a committee is hashed for its
 * Merkle branch, for the idle full validation and for its root in the saved state, about 1.5 ms
 * each in Chromium (1,023 SHA-256 over 512 keys). Decoded values are never changed in place (the
 * sync core replaces, never edits, what the store holds), so the object stands for its bytes.
 */
export function syncCommitteeRoot(committee: altair.SyncCommittee): Uint8Array {
  let root = roots.get(committee)
  if (!root) roots.set(committee, (root = SyncCommittee.hashTreeRoot(committee)))
  return root
}
