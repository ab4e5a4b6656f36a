import type { altair } from '@lodestar/types'
import { bytesToHex } from 'viem'

/** What a sync-aggregate check is about: the committee, who signed (the bits), what and the signature. */
export type SyncAggregateCheck = { committee: altair.SyncCommittee; syncAggregate: altair.SyncAggregate; signingRoot: Uint8Array }

/** Per committee (object: never changed once decoded), the last checks that verified. */
const verified = new WeakMap<altair.SyncCommittee, Set<string>>()
/** A committee signs a head every slot: the last few are the ones met again (a finality and an optimistic update over the same head). */
const KEPT_PER_COMMITTEE = 16

/** The bytes a check is about, besides its committee. */
export const syncAggregateCheckId = ({ syncAggregate, signingRoot }: SyncAggregateCheck) =>
  `${bytesToHex(syncAggregate.syncCommitteeBits.uint8Array)}:${bytesToHex(signingRoot)}:${bytesToHex(syncAggregate.syncCommitteeSignature)}`

/**
 * Whether this exact check (same committee, participation bits, signing root and signature)
 * already verified. The answer of a pairing check depends only on these bytes, so a check met
 * twice (a beacon API's finality and optimistic updates usually carry the same sync aggregate over
 * the same attested header; a batch verified ahead, preverifySignatures) is answered once.
 */
export function isVerifiedSyncAggregate(check: SyncAggregateCheck): boolean {
  return verified.get(check.committee)?.has(syncAggregateCheckId(check)) ?? false
}

/** Records a check that verified (only ever called after a pairing check said so). */
export function noteVerifiedSyncAggregate(check: SyncAggregateCheck): void {
  let seen = verified.get(check.committee)
  if (!seen) verified.set(check.committee, (seen = new Set()))
  seen.add(syncAggregateCheckId(check))
  if (seen.size > KEPT_PER_COMMITTEE) seen.delete(seen.values().next().value!)
}
