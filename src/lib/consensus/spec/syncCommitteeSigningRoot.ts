import { DOMAIN_SYNC_COMMITTEE } from '@lodestar/params'
import type { LightClientUpdate } from '@lodestar/types'
import type { LightClientConfig } from '../createLightClientConfig.ts'
import { BeaconBlockHeader, SigningData } from '../lightClientSsz.ts'

/**
 * The root the sync committee signed for an update: compute_signing_root(attested_header.beacon,
 * domain) with the domain of the fork at signature_slot - 1, as validate_light_client_update computes it
 * (https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#validate_light_client_update).
 * A function of the update and the chain config only: it can be computed before the update is checked.
 */
export function syncCommitteeSigningRoot(config: LightClientConfig, update: Pick<LightClientUpdate, 'attestedHeader' | 'signatureSlot'>): Uint8Array {
  const forkVersionSlot = Math.max(update.signatureSlot, 1) - 1
  return SigningData.hashTreeRoot({
    objectRoot: BeaconBlockHeader.hashTreeRoot(update.attestedHeader.beacon),
    domain: config.getDomain(forkVersionSlot, DOMAIN_SYNC_COMMITTEE),
  })
}
