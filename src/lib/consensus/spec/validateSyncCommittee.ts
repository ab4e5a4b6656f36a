import type { altair } from '@lodestar/types'
import type { BlsBackend, BlsPublicKey } from '../bls/BlsBackend.ts'
import { InvalidSyncCommitteeError } from '../errors.ts'

export type ValidateSyncCommitteeParameters = {
  bls: BlsBackend
  committee: altair.SyncCommittee
  committeeRoot: string
  /** Awaited every `chunk` keys, so that a worker stays responsive while it validates. */
  pause?: () => Promise<void>
  chunk?: number
}

/**
 * The full check the critical path skips: every key passes KeyValidate (as FastAggregateVerify
 * requires of participant keys, https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#validate_light_client_update
 * via https://github.com/ethereum/consensus-specs/blob/dev/specs/phase0/beacon-chain.md#bls-signatures) and the keys sum to `aggregate_pubkey`
 * (https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/beacon-chain.md#get_next_sync_committee: eth_aggregate_pubkeys(pubkeys)).
 * Throws InvalidSyncCommitteeError otherwise.
 */
export async function validateSyncCommittee({ bls, committee, committeeRoot, pause, chunk = 64 }: ValidateSyncCommitteeParameters): Promise<void> {
  const keys: BlsPublicKey[] = []
  for (const [index, bytes] of committee.pubkeys.entries()) {
    if (pause && index > 0 && index % chunk === 0) await pause()
    try {
      keys.push(bls.publicKey(bytes))
    } catch (cause) {
      throw new InvalidSyncCommitteeError({ committeeRoot, index, reason: `the key of member ${index} is not a valid BLS key`, cause })
    }
  }
  const sum = bls.toBytes(bls.aggregate(keys))
  if (!sum.every((b, i) => b === committee.aggregatePubkey[i]) || sum.length !== committee.aggregatePubkey.length)
    throw new InvalidSyncCommitteeError({ committeeRoot, reason: 'its aggregate_pubkey is not the sum of its keys' })
}
