import type { altair } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { type BlsBackend, type BlsPublicKey, negateCompressedG1 } from '../bls/BlsBackend.ts'
import { InvalidSyncCommitteeError, InvalidSyncSignatureError } from '../errors.ts'
import { syncCommitteeRootHex } from './syncCommitteeRoot.ts'
import { type SyncAggregateCheck, isVerifiedSyncAggregate, noteVerifiedSyncAggregate } from './verifiedSignatures.ts'

/** A check whose pairing is left to the caller (preverifySignatures batches them): the summed key is ready. */
export type DeferredSyncAggregateCheck = SyncAggregateCheck & { key: BlsPublicKey }

export type VerifySyncAggregateParameters = {
  bls: BlsBackend
  committee: altair.SyncCommittee
  syncAggregate: altair.SyncAggregate
  signingRoot: Uint8Array
  signatureSlot: number
  attestedSlot: number
  /** Set on a dry run: the check is handed over instead of verified (and counts as valid for the rest of the run). */
  defer?: (check: DeferredSyncAggregateCheck) => void
}

/**
 * bls.FastAggregateVerify(participant_pubkeys, signing_root, sync_committee_signature) of
 * https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#validate_light_client_update, computing the sum of the
 * participants' keys as `aggregate_pubkey` minus the non-signers' keys when fewer are missing than
 * present: only the non-signers are decompressed, not all 512.
 *
 * Why `aggregate_pubkey` may be used: it is a field of the same `SyncCommittee` container as the
 * keys (https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/beacon-chain.md#synccommittee), so the `hash_tree_root` that the Merkle branch
 * (bootstrap: current_sync_committee_branch, update: next_sync_committee_branch) proves commits to
 * it exactly as it commits to the keys, and the state computes it as eth_aggregate_pubkeys(pubkeys)
 * (https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/beacon-chain.md#get_next_sync_committee). Whoever could forge it could forge the keys.
 * Every committee is still checked in full once, off the critical path (validateSyncCommittee).
 *
 * A check that already verified (the same bytes met again, or verified ahead in a batch) is not
 * paired again (verifiedSignatures.ts).
 */
export function verifySyncAggregate({ bls, committee, syncAggregate, signingRoot, signatureSlot, attestedSlot, defer }: VerifySyncAggregateParameters): void {
  const check: SyncAggregateCheck = { committee, syncAggregate, signingRoot }
  if (isVerifiedSyncAggregate(check)) return
  const key = participantsKey({ bls, committee, syncAggregate })
  if (defer) return defer({ ...check, key })
  let valid: boolean
  try {
    valid = bls.verify(key, signingRoot, syncAggregate.syncCommitteeSignature)
  } catch (cause) {
    throw new InvalidSyncSignatureError({ signatureSlot, attestedSlot, cause })
  }
  if (!valid) throw new InvalidSyncSignatureError({ signatureSlot, attestedSlot })
  noteVerifiedSyncAggregate(check)
}

/** Per committee, the participants' summed key of the last participation bits met (consecutive heads are mostly signed by the same members). */
const summedKeys = new WeakMap<altair.SyncCommittee, { bls: BlsBackend; bits: string; key: BlsPublicKey }>()

/** The sum of the participants' keys (throws InvalidSyncCommitteeError for a key that does not decode). */
function participantsKey({ bls, committee, syncAggregate }: { bls: BlsBackend; committee: altair.SyncCommittee; syncAggregate: altair.SyncAggregate }): BlsPublicKey {
  const bitsHex = bytesToHex(syncAggregate.syncCommitteeBits.uint8Array)
  const known = summedKeys.get(committee)
  if (known && known.bls === bls && known.bits === bitsHex) return known.key
  const bits = syncAggregate.syncCommitteeBits.toBoolArray()
  const nonSigners = bits.flatMap((bit, i) => (bit ? [] : [i]))
  let key: BlsPublicKey
  const decompress = (bytes: Uint8Array, index?: number) => {
    try {
      return bls.publicKey(bytes)
    } catch (cause) {
      const committeeRoot = syncCommitteeRootHex(committee)
      const what = index === undefined ? 'its aggregate_pubkey is not a valid G1 point' : `the key of member ${index} is not a valid BLS key`
      throw new InvalidSyncCommitteeError({ committeeRoot, index, reason: what, cause })
    }
  }
  if (nonSigners.length * 2 <= bits.length) {
    key = bls.aggregate([decompress(committee.aggregatePubkey), ...nonSigners.map((i) => decompress(negateCompressedG1(committee.pubkeys[i]!), i))])
  } else {
    key = bls.aggregate(bits.flatMap((bit, i) => (bit ? [decompress(committee.pubkeys[i]!, i)] : [])))
  }
  summedKeys.set(committee, { bls, bits: bitsHex, key })
  return key
}
