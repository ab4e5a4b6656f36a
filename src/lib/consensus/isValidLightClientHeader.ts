import type { ChainForkConfig } from '@lodestar/config'
import { isValidMerkleBranch } from '@lodestar/light-client/utils'
import { BLOCK_BODY_EXECUTION_PAYLOAD_DEPTH, BLOCK_BODY_EXECUTION_PAYLOAD_INDEX, SLOTS_PER_EPOCH } from '@lodestar/params'
import type { LightClientHeader, capella } from '@lodestar/types'

/**
 * The execution payload header is in the beacon block body (pre-Capella headers carry none).
 * https://github.com/ethereum/consensus-specs/blob/dev/specs/capella/light-client/sync-protocol.md#modified-is_valid_light_client_header
 */
export function isValidLightClientHeader({ config, header }: { config: ChainForkConfig; header: LightClientHeader }): boolean {
  const epoch = Math.floor(header.beacon.slot / SLOTS_PER_EPOCH)
  if (epoch < config.CAPELLA_FORK_EPOCH) return true
  const { execution, executionBranch } = header as capella.LightClientHeader
  if (!execution || !executionBranch) return false
  const executionRoot = config.getPostBellatrixForkTypes(header.beacon.slot).ExecutionPayloadHeader.hashTreeRoot(execution as never)
  return isValidMerkleBranch(executionRoot, executionBranch, BLOCK_BODY_EXECUTION_PAYLOAD_DEPTH, BLOCK_BODY_EXECUTION_PAYLOAD_INDEX, header.beacon.bodyRoot)
}
