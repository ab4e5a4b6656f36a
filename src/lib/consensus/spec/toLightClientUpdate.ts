import type { LightClientConfig } from '../createLightClientConfig.ts'
import { FINALIZED_ROOT_DEPTH, FINALIZED_ROOT_DEPTH_ELECTRA, NEXT_SYNC_COMMITTEE_DEPTH, NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA, isForkPostElectra } from '@lodestar/params'
import type { LightClientFinalityUpdate, LightClientHeader, LightClientOptimisticUpdate, LightClientUpdate } from '@lodestar/types'
import { SyncCommittee } from '../lightClientSsz.ts'
import { lightClientSszType } from '../decodeLightClientData.ts'

const zeros = (n: number) => Array.from({ length: n }, () => new Uint8Array(32))

/**
 * A finality or optimistic update as the full update the spec processes it as (empty next sync
 * committee; for an optimistic update also an empty finalized header and finality branch).
 * https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#process_light_client_finality_update and
 * #process_light_client_optimistic_update
 */
export function toLightClientUpdate(config: LightClientConfig, update: LightClientFinalityUpdate | LightClientOptimisticUpdate): LightClientUpdate {
  const fork = config.getForkName(update.attestedHeader.beacon.slot)
  const electra = isForkPostElectra(fork)
  const finality = 'finalizedHeader' in update
  return {
    attestedHeader: update.attestedHeader,
    nextSyncCommittee: SyncCommittee.defaultValue(),
    nextSyncCommitteeBranch: zeros(electra ? NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA : NEXT_SYNC_COMMITTEE_DEPTH),
    finalizedHeader: finality ? update.finalizedHeader : (lightClientSszType(fork, 'LightClientHeader') as unknown as { defaultValue(): LightClientHeader }).defaultValue(),
    finalityBranch: finality ? update.finalityBranch : zeros(electra ? FINALIZED_ROOT_DEPTH_ELECTRA : FINALIZED_ROOT_DEPTH),
    syncAggregate: update.syncAggregate,
    signatureSlot: update.signatureSlot,
  } as LightClientUpdate
}
