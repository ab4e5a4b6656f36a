import type { LightClientConfig } from './createLightClientConfig.ts'
import { CURRENT_SYNC_COMMITTEE_GINDEX, CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA, isForkPostElectra } from '@lodestar/params'
import type { LightClientBootstrap } from '@lodestar/types'
import { BeaconBlockHeader } from './lightClientSsz.ts'
import { bytesToHex } from 'viem'
import { InvalidMerkleBranchError, TrustedRootMismatchError } from './errors.ts'
import { isValidLightClientHeader } from './isValidLightClientHeader.ts'
import { isValidNormalizedMerkleBranch } from './spec/isValidNormalizedMerkleBranch.ts'
import { syncCommitteeRoot } from './spec/syncCommitteeRoot.ts'

export type VerifyLightClientBootstrapParameters = {
  config: LightClientConfig
  trustedBlockRoot: Uint8Array
  bootstrap: LightClientBootstrap
}

/**
 * Throws a typed error unless the bootstrap belongs to the trusted root and proves its committee.
 * https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#initialize_light_client_store
 */
export function verifyLightClientBootstrap({ config, trustedBlockRoot, bootstrap }: VerifyLightClientBootstrapParameters): void {
  const slot = bootstrap.header.beacon.slot
  const headerRoot = BeaconBlockHeader.hashTreeRoot(bootstrap.header.beacon)
  if (bytesToHex(headerRoot) !== bytesToHex(trustedBlockRoot))
    throw new TrustedRootMismatchError({ expected: bytesToHex(trustedBlockRoot), found: bytesToHex(headerRoot) })
  if (!isValidLightClientHeader({ config, header: bootstrap.header }))
    throw new InvalidMerkleBranchError({ branch: 'execution', slot })
  const electra = isForkPostElectra(config.getForkName(slot))
  const valid = isValidNormalizedMerkleBranch({
    leaf: syncCommitteeRoot(bootstrap.currentSyncCommittee),
    branch: bootstrap.currentSyncCommitteeBranch,
    gindex: electra ? CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA : CURRENT_SYNC_COMMITTEE_GINDEX,
    root: bootstrap.header.beacon.stateRoot,
  })
  if (!valid) throw new InvalidMerkleBranchError({ branch: 'currentSyncCommittee', slot })
}
