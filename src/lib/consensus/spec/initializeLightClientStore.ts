import type { LightClientConfig } from '../createLightClientConfig.ts'
import type { LightClientBootstrap } from '@lodestar/types'
import { verifyLightClientBootstrap } from '../verifyLightClientBootstrap.ts'
import type { LightClientStore } from './LightClientStore.ts'

/**
 * A store from a bootstrap that belongs to the trusted block root (typed error otherwise).
 * https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#initialize_light_client_store
 */
export function initializeLightClientStore({ config, trustedBlockRoot, bootstrap }: { config: LightClientConfig; trustedBlockRoot: Uint8Array; bootstrap: LightClientBootstrap }): LightClientStore {
  verifyLightClientBootstrap({ config, trustedBlockRoot, bootstrap })
  return {
    finalizedHeader: bootstrap.header,
    currentSyncCommittee: bootstrap.currentSyncCommittee,
    nextSyncCommittee: undefined,
    bestValidUpdate: undefined,
    optimisticHeader: bootstrap.header,
    previousMaxActiveParticipants: 0,
    currentMaxActiveParticipants: 0,
  }
}
