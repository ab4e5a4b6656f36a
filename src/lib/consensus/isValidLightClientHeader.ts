import type { LightClientConfig } from './createLightClientConfig.ts'
import { BLOCK_BODY_EXECUTION_PAYLOAD_GINDEX, SLOTS_PER_EPOCH } from '@lodestar/params'
import type { LightClientHeader, capella } from '@lodestar/types'
import { lightClientSszByFork } from './lightClientSsz.ts'
import { isValidNormalizedMerkleBranch } from './spec/isValidNormalizedMerkleBranch.ts'

/**
 * Headers found valid, with the fork schedule they were checked under: a round checks each header
 * twice (preverifySignatures' dry run, then the real one), each check a hash of the 17-field
 * execution payload header. Decoded headers are never changed in place.
 */
const checked = new WeakMap<LightClientHeader, LightClientConfig>()

/**
 * The execution payload header is in the beacon block body (pre-Capella headers carry none).
 * https://github.com/ethereum/consensus-specs/blob/dev/specs/capella/light-client/sync-protocol.md#modified-is_valid_light_client_header
 */
export function isValidLightClientHeader({ config, header }: { config: LightClientConfig; header: LightClientHeader }): boolean {
  const epoch = Math.floor(header.beacon.slot / SLOTS_PER_EPOCH)
  if (epoch < config.CAPELLA_FORK_EPOCH) return true
  const { execution, executionBranch } = header as capella.LightClientHeader
  if (!execution || !executionBranch) return false
  if (checked.get(header) === config) return true
  const types = lightClientSszByFork[config.getForkName(header.beacon.slot) as keyof typeof lightClientSszByFork]
  // Gloas and later: no ExecutionPayloadHeader here (its headers carry the block hash alone); not a header this client reads.
  if (!types || !('ExecutionPayloadHeader' in types)) return false
  const executionRoot = types.ExecutionPayloadHeader.hashTreeRoot(execution as never)
  const valid = isValidNormalizedMerkleBranch({ leaf: executionRoot, branch: executionBranch, gindex: BLOCK_BODY_EXECUTION_PAYLOAD_GINDEX, root: header.beacon.bodyRoot })
  if (valid) checked.set(header, config)
  return valid
}
