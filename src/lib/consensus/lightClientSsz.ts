import { BitVectorType, ByteListType, ByteVectorType, ContainerType, UintBigintType, UintNumberType, VectorCompositeType } from '@chainsafe/ssz'
import {
  BLOCK_BODY_EXECUTION_PAYLOAD_DEPTH, BYTES_PER_LOGS_BLOOM, CURRENT_SYNC_COMMITTEE_DEPTH, CURRENT_SYNC_COMMITTEE_DEPTH_ELECTRA,
  FINALIZED_ROOT_DEPTH, FINALIZED_ROOT_DEPTH_ELECTRA, MAX_EXTRA_DATA_BYTES, NEXT_SYNC_COMMITTEE_DEPTH, NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA,
  SYNC_COMMITTEE_SIZE,
} from '@lodestar/params'
import { getAddress } from 'viem'

// Only the containers the light-client sync protocol reads, built with @chainsafe/ssz as
// @lodestar/types builds them. Importing @lodestar/types builds every container of every fork at
// load (blocks, states, blobs, Gloas' progressive lists: about 40 % of the worker's bundle);
// tests/lib/consensus/lightClientSsz.test.ts holds each of these to Lodestar's type (same
// serialization, hash_tree_root, JSON and default for random values of every fork), so they cannot drift.
// Containers: https://github.com/ethereum/consensus-specs/blob/dev/specs/altair/light-client/sync-protocol.md#containers
// and its capella/deneb/electra changes.

const UintNum64 = new UintNumberType(8)
const UintBn64 = new UintBigintType(8)
const Bytes4 = new ByteVectorType(4)
const Bytes32 = new ByteVectorType(32)
const Bytes48 = new ByteVectorType(48)
const Bytes96 = new ByteVectorType(96)

/** ERC-55 checksummed in JSON, as Lodestar's ExecutionAddressType writes it (saved states compare as text). */
class ExecutionAddressType extends ByteVectorType {
  constructor() {
    super(20, { typeName: 'ExecutionAddress' })
  }
  override toJson(value: Uint8Array): unknown {
    return getAddress(super.toJson(value) as `0x${string}`)
  }
}

const eth2 = (typeName: string) => ({ typeName, jsonCase: 'eth2' as const })

export const BeaconBlockHeader = new ContainerType({
  slot: UintNum64,
  proposerIndex: UintNum64,
  parentRoot: Bytes32,
  stateRoot: Bytes32,
  bodyRoot: Bytes32,
}, { ...eth2('BeaconBlockHeader'), cachePermanentRootStruct: true })

export const ForkData = new ContainerType({ currentVersion: Bytes4, genesisValidatorsRoot: Bytes32 }, eth2('ForkData'))

export const SigningData = new ContainerType({ objectRoot: Bytes32, domain: Bytes32 }, eth2('SigningData'))

export const SyncCommittee = new ContainerType({
  pubkeys: new VectorCompositeType(Bytes48, SYNC_COMMITTEE_SIZE),
  aggregatePubkey: Bytes48,
}, eth2('SyncCommittee'))

export const SyncAggregate = new ContainerType({
  syncCommitteeBits: new BitVectorType(SYNC_COMMITTEE_SIZE),
  syncCommitteeSignature: Bytes96,
}, eth2('SyncAggregate'))

const bellatrixPayloadHeader = {
  parentHash: Bytes32,
  feeRecipient: new ExecutionAddressType(),
  stateRoot: Bytes32,
  receiptsRoot: Bytes32,
  logsBloom: new ByteVectorType(BYTES_PER_LOGS_BLOOM),
  prevRandao: Bytes32,
  blockNumber: UintNum64,
  gasLimit: UintNum64,
  gasUsed: UintNum64,
  timestamp: UintNum64,
  extraData: new ByteListType(MAX_EXTRA_DATA_BYTES),
  baseFeePerGas: new UintBigintType(32),
  blockHash: Bytes32,
  transactionsRoot: Bytes32,
}
const capellaPayloadHeader = { ...bellatrixPayloadHeader, withdrawalsRoot: Bytes32 }
const denebPayloadHeader = { ...capellaPayloadHeader, blobGasUsed: UintBn64, excessBlobGas: UintBn64 }

const branch = (depth: number) => new VectorCompositeType(Bytes32, depth)

/** The five light-client containers of one fork, around its LightClientHeader. */
function lightClientContainers<H extends ContainerType<any>>(header: H, depths: { currentSyncCommittee: number; nextSyncCommittee: number; finalized: number }) {
  return {
    LightClientHeader: header,
    LightClientBootstrap: new ContainerType({ header, currentSyncCommittee: SyncCommittee, currentSyncCommitteeBranch: branch(depths.currentSyncCommittee) }, eth2('LightClientBootstrap')),
    LightClientUpdate: new ContainerType({
      attestedHeader: header,
      nextSyncCommittee: SyncCommittee,
      nextSyncCommitteeBranch: branch(depths.nextSyncCommittee),
      finalizedHeader: header,
      finalityBranch: branch(depths.finalized),
      syncAggregate: SyncAggregate,
      signatureSlot: UintNum64,
    }, eth2('LightClientUpdate')),
    LightClientFinalityUpdate: new ContainerType({
      attestedHeader: header,
      finalizedHeader: header,
      finalityBranch: branch(depths.finalized),
      syncAggregate: SyncAggregate,
      signatureSlot: UintNum64,
    }, eth2('LightClientFinalityUpdate')),
    LightClientOptimisticUpdate: new ContainerType({ attestedHeader: header, syncAggregate: SyncAggregate, signatureSlot: UintNum64 }, eth2('LightClientOptimisticUpdate')),
  }
}

const preElectra = { currentSyncCommittee: CURRENT_SYNC_COMMITTEE_DEPTH, nextSyncCommittee: NEXT_SYNC_COMMITTEE_DEPTH, finalized: FINALIZED_ROOT_DEPTH }
const electraDepths = { currentSyncCommittee: CURRENT_SYNC_COMMITTEE_DEPTH_ELECTRA, nextSyncCommittee: NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA, finalized: FINALIZED_ROOT_DEPTH_ELECTRA }

const executionHeader = (payloadHeader: ContainerType<any>) =>
  new ContainerType({ beacon: BeaconBlockHeader, execution: payloadHeader, executionBranch: branch(BLOCK_BODY_EXECUTION_PAYLOAD_DEPTH) }, eth2('LightClientHeader'))

const capellaExecutionPayloadHeader = new ContainerType(capellaPayloadHeader, eth2('ExecutionPayloadHeader'))
const denebExecutionPayloadHeader = new ContainerType(denebPayloadHeader, eth2('ExecutionPayloadHeader'))
const denebHeader = executionHeader(denebExecutionPayloadHeader)

const altair = lightClientContainers(new ContainerType({ beacon: BeaconBlockHeader }, eth2('LightClientHeader')), preElectra)
const capella = { ...lightClientContainers(executionHeader(capellaExecutionPayloadHeader), preElectra), ExecutionPayloadHeader: capellaExecutionPayloadHeader }
const deneb = { ...lightClientContainers(denebHeader, preElectra), ExecutionPayloadHeader: denebExecutionPayloadHeader }
// Electra deepens the state's branches (EIP-7495 is not in it: only the gindices changed); Fulu changes no light-client container.
const electra = { ...lightClientContainers(denebHeader, electraDepths), ExecutionPayloadHeader: denebExecutionPayloadHeader }

/** Bellatrix reuses Altair's light-client containers (its headers carry no execution payload). */
export const lightClientSszByFork = { altair, bellatrix: altair, capella, deneb, electra, fulu: electra } as const

export type LightClientSszFork = keyof typeof lightClientSszByFork
export type LightClientSszTypeName = keyof typeof altair

/** Whether this module has the fork's light-client containers (Gloas and later: not yet). */
export function isLightClientSszFork(fork: string): fork is LightClientSszFork {
  return Object.hasOwn(lightClientSszByFork, fork)
}
