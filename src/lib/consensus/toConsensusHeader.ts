import type { LightClientHeader, capella } from '@lodestar/types'
import { BeaconBlockHeader } from './lightClientSsz.ts'
import { bytesToHex } from 'viem'
import type { VerifiedExecutionHeader } from '../execution/types.ts'
import type { Hex } from './networks.ts'

/** The execution facts a verified beacon header vouches for. */
export type ConsensusExecutionHeader = VerifiedExecutionHeader & {
  transactionsRoot: Hex
  gasUsed: bigint
  feeRecipient: Hex
}

/** A beacon header the light client verified, with its execution payload header (Capella and later). */
export type ConsensusHeader = {
  slot: number
  beaconRoot: Hex
  stateRoot: Hex
  execution: ConsensusExecutionHeader | undefined
}

export function toConsensusHeader(header: LightClientHeader): ConsensusHeader {
  const execution = (header as capella.LightClientHeader).execution as capella.ExecutionPayloadHeader | undefined
  return {
    slot: header.beacon.slot,
    beaconRoot: bytesToHex(BeaconBlockHeader.hashTreeRoot(header.beacon)),
    stateRoot: bytesToHex(header.beacon.stateRoot),
    execution: execution && execution.blockHash.some((b) => b !== 0)
      ? {
          number: BigInt(execution.blockNumber),
          blockHash: bytesToHex(execution.blockHash),
          parentHash: bytesToHex(execution.parentHash),
          stateRoot: bytesToHex(execution.stateRoot),
          receiptsRoot: bytesToHex(execution.receiptsRoot),
          transactionsRoot: bytesToHex(execution.transactionsRoot),
          baseFeePerGas: BigInt(execution.baseFeePerGas),
          timestamp: BigInt(execution.timestamp),
          gasLimit: BigInt(execution.gasLimit),
          gasUsed: BigInt(execution.gasUsed),
          feeRecipient: bytesToHex(execution.feeRecipient),
        }
      : undefined,
  }
}
