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

const converted = new WeakMap<LightClientHeader, ConsensusHeader>()

/**
 * A verified header's facts, computed once per header object (its beacon root is a hash tree
 * root): every verified read asks for the head, and the sync core replaces the headers it holds,
 * never edits them, so the object stands for its bytes. Frozen, since every caller shares it.
 */
export function toConsensusHeader(header: LightClientHeader): ConsensusHeader {
  let consensus = converted.get(header)
  if (!consensus) converted.set(header, (consensus = computeConsensusHeader(header)))
  return consensus
}

function computeConsensusHeader(header: LightClientHeader): ConsensusHeader {
  const execution = (header as capella.LightClientHeader).execution as capella.ExecutionPayloadHeader | undefined
  return Object.freeze({
    slot: header.beacon.slot,
    beaconRoot: bytesToHex(BeaconBlockHeader.hashTreeRoot(header.beacon)),
    stateRoot: bytesToHex(header.beacon.stateRoot),
    execution: execution && execution.blockHash.some((b) => b !== 0)
      ? Object.freeze({
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
        })
      : undefined,
  })
}
