import { EventEmitter } from 'node:events'
import { Tree } from '@chainsafe/persistent-merkle-tree'
import { BitArray } from '@chainsafe/ssz'
import { type BeaconConfig, createBeaconConfig } from '@lodestar/config'
import {
  BLOCK_BODY_EXECUTION_PAYLOAD_GINDEX,
  CURRENT_SYNC_COMMITTEE_GINDEX,
  CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA,
  DOMAIN_BEACON_PROPOSER,
  DOMAIN_SYNC_COMMITTEE,
  EPOCHS_PER_SYNC_COMMITTEE_PERIOD,
  FINALIZED_ROOT_GINDEX,
  FINALIZED_ROOT_GINDEX_ELECTRA,
  type ForkPostCapella,
  MIN_SYNC_COMMITTEE_PARTICIPANTS,
  NEXT_SYNC_COMMITTEE_GINDEX,
  NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA,
  SLOTS_PER_EPOCH,
  SYNC_COMMITTEE_SIZE,
  isForkPostElectra,
} from '@lodestar/params'
import {
  type LightClientFinalityUpdate,
  type LightClientHeader,
  type LightClientOptimisticUpdate,
  type LightClientUpdate,
  type altair,
  type electra,
  type phase0,
  ssz,
  sszTypesFor,
} from '@lodestar/types'
import type { DevnetChain } from './chainConfig.ts'
import { mineExecutionPayload, toExecutionPayloadHeader } from './executionPayload.ts'
import type { JsonRpc } from './jsonRpc.ts'
import { type SyncCommitteeKeys, createSyncCommitteeKeys, signAsCommittee, signWithScalar } from './syncCommitteeKeys.ts'

export const SLOTS_PER_PERIOD = SLOTS_PER_EPOCH * EPOCHS_PER_SYNC_COMMITTEE_PERIOD
const ZERO_ROOT = new Uint8Array(32)
// The point at infinity: the "signature" of an empty sync aggregate.
const G2_INFINITY = Uint8Array.from([0xc0, ...new Uint8Array(95)])

export const periodAtSlot = (slot: number) => Math.floor(slot / SLOTS_PER_PERIOD)
export const epochAtSlot = (slot: number) => Math.floor(slot / SLOTS_PER_EPOCH)

export type DevnetBlock = {
  slot: number
  fork: ForkPostCapella
  root: Uint8Array
  header: phase0.BeaconBlockHeader
  /** Capella..Fulu blocks all carry the payload; typed as Electra's, which Fulu's equals in shape. */
  signedBlock: electra.SignedBeaconBlock
  lcHeader: LightClientHeader<ForkPostCapella>
  finalizedCheckpoint: phase0.Checkpoint
  /** The block the state's finalized checkpoint names; undefined while that is genesis. */
  finalizedBlock?: DevnetBlock
  branches: { currentSyncCommittee: Uint8Array[]; nextSyncCommittee: Uint8Array[]; finalizedRoot: Uint8Array[] }
}

export type Versioned<T> = { version: ForkPostCapella; data: T }

type UpdateScore = [number, number, number, number]
type StateView = ReturnType<typeof ssz.electra.BeaconState.defaultViewDU>

export type BeaconChainParameters = {
  chain: DevnetChain
  rpc: JsonRpc
  /** Seed of the deterministic BLS keys. */
  seed?: string
  /** Share of the sync committee that signs, in (0, 1]. */
  participation?: number
}

/**
 * The devnet's consensus layer: one beacon block per produced slot, each carrying the execution
 * payload of a freshly mined anvil block, a beacon state committing to the finalized checkpoint and
 * the current and next sync committees, and the sync committee's signature over the parent block.
 * From these it keeps the light-client data a beacon node serves.
 */
export class BeaconChain extends EventEmitter<{
  block: [DevnetBlock]
  optimistic_update: [Versioned<LightClientOptimisticUpdate>]
  finality_update: [Versioned<LightClientFinalityUpdate>]
}> {
  readonly chain: DevnetChain
  readonly beaconConfig: BeaconConfig
  readonly blocks: DevnetBlock[] = []
  readonly #byRoot = new Map<string, DevnetBlock>()
  readonly #committees = new Map<number, SyncCommitteeKeys>()
  readonly #bestUpdates = new Map<number, { score: UpdateScore; update: Versioned<LightClientUpdate> }>()
  #finalityUpdate?: Versioned<LightClientFinalityUpdate>
  #optimisticUpdate?: Versioned<LightClientOptimisticUpdate>
  readonly #rpc: JsonRpc
  readonly #seed: string
  readonly #participation: number
  #state?: StateView
  #statePeriod = -1
  #producing: Promise<unknown> = Promise.resolve()

  constructor(params: BeaconChainParameters) {
    super()
    this.chain = params.chain
    this.beaconConfig = createBeaconConfig(params.chain.chainConfig, params.chain.genesisValidatorsRoot)
    this.#rpc = params.rpc
    this.#seed = params.seed ?? 'latchkey-devnet'
    this.#participation = params.participation ?? 1
    if (!(this.#participation > 0 && this.#participation <= 1)) throw new Error('participation must be in (0, 1]')
  }

  get head(): DevnetBlock | undefined {
    return this.blocks.at(-1)
  }

  get finalityUpdate() {
    return this.#finalityUpdate
  }

  get optimisticUpdate() {
    return this.#optimisticUpdate
  }

  committee(period: number): SyncCommitteeKeys {
    let keys = this.#committees.get(period)
    if (!keys) {
      keys = createSyncCommitteeKeys(this.#seed, period)
      this.#committees.set(period, keys)
    }
    return keys
  }

  blockByRoot(root: Uint8Array | string): DevnetBlock | undefined {
    const key = typeof root === 'string' ? root.toLowerCase() : Buffer.from(root).toString('hex')
    return this.#byRoot.get(key.startsWith('0x') ? key.slice(2) : key)
  }

  blockAtSlot(slot: number): DevnetBlock | undefined {
    return this.blocks.find((b) => b.slot === slot)
  }

  /** The latest block at or before `slot`: what a checkpoint at that slot names. */
  blockAtOrBefore(slot: number): DevnetBlock | undefined {
    for (let i = this.blocks.length - 1; i >= 0; i--) if (this.blocks[i].slot <= slot) return this.blocks[i]
    return undefined
  }

  /** Best sync-committee update of each period, contiguous from `startPeriod`. */
  updates(startPeriod: number, count: number): Versioned<LightClientUpdate>[] {
    const out: Versioned<LightClientUpdate>[] = []
    for (let p = startPeriod; p < startPeriod + count; p++) {
      const best = this.#bestUpdates.get(p)
      if (!best) break
      out.push(best.update)
    }
    return out
  }

  bootstrap(block: DevnetBlock): Versioned<altair.LightClientBootstrap> {
    return {
      version: block.fork,
      data: {
        header: block.lcHeader,
        currentSyncCommittee: this.committee(periodAtSlot(block.slot)).committee,
        currentSyncCommitteeBranch: block.branches.currentSyncCommittee,
      } as altair.LightClientBootstrap,
    }
  }

  /** Produces the block of `slot` (mining its anvil block); calls are serialized. */
  produceBlock(slot: number): Promise<DevnetBlock> {
    const next = this.#producing.then(() => this.#produce(slot))
    this.#producing = next.catch(() => undefined)
    return next
  }

  /**
   * Mines `count` execution blocks that no beacon block carries, at the head slot's timestamp (anvil
   * accepts equal timestamps), on the production queue so that no slot's block is mined meanwhile.
   * A long execution history this way takes no wall-clock time: the next slot's payload builds on
   * the last of them, and only parent hashes (and EIP-2935 storage) reach them, as on a real chain
   * for blocks older than the light client's heads.
   */
  mineExecutionBlocks(count: number): Promise<void> {
    const next = this.#producing.then(async () => {
      const slot = this.head?.slot ?? 0
      const timestamp = this.chain.genesisTime + slot * this.chain.chainConfig.SECONDS_PER_SLOT
      for (let i = 0; i < count; i++) await this.#rpc('evm_mine', [timestamp])
    })
    this.#producing = next.catch(() => undefined)
    return next
  }

  #participationBits(slot: number): boolean[] {
    const k = Math.max(MIN_SYNC_COMMITTEE_PARTICIPANTS, Math.round(SYNC_COMMITTEE_SIZE * this.#participation))
    // Rotate who is missing so that every member's key is exercised.
    return Array.from({ length: SYNC_COMMITTEE_SIZE }, (_, i) => (i + slot) % SYNC_COMMITTEE_SIZE < k)
  }

  #stateView(fork: ForkPostCapella) {
    if (!this.#state) this.#state = sszTypesFor(fork).BeaconState.defaultViewDU() as StateView
    return this.#state
  }

  async #produce(slot: number): Promise<DevnetBlock> {
    const parent = this.head
    if (parent && slot <= parent.slot) throw new Error(`slot ${slot} is not after the head slot ${parent.slot}`)
    const fork = this.chain.config.getForkName(slot) as ForkPostCapella
    const types = sszTypesFor(fork)
    const period = periodAtSlot(slot)
    const epoch = epochAtSlot(slot)

    // The sync committee of the signature slot's period signs the parent block.
    let syncAggregate: altair.SyncAggregate
    if (parent) {
      const bits = this.#participationBits(slot)
      const signingRoot = ssz.phase0.SigningData.hashTreeRoot({
        objectRoot: parent.root,
        domain: this.beaconConfig.getDomain(slot - 1, DOMAIN_SYNC_COMMITTEE),
      })
      syncAggregate = {
        syncCommitteeBits: BitArray.fromBoolArray(bits),
        syncCommitteeSignature: signAsCommittee(this.committee(period), bits, signingRoot),
      }
    } else {
      syncAggregate = { ...ssz.altair.SyncAggregate.defaultValue(), syncCommitteeSignature: G2_INFINITY }
    }

    const payload = await mineExecutionPayload(this.#rpc, this.chain.genesisTime + slot * this.chain.chainConfig.SECONDS_PER_SLOT)
    const payloadHeader = toExecutionPayloadHeader(fork, payload)

    // Every fork the devnet runs (Capella..Fulu) carries the execution payload in the body.
    const body = types.BeaconBlockBody.defaultValue() as electra.BeaconBlockBody
    body.randaoReveal = signWithScalar(this.#seed, `randao/${epoch}`, ssz.Epoch.hashTreeRoot(epoch))
    body.graffiti = Uint8Array.from(Buffer.from('latchkey devnet'.padEnd(32, '\0')))
    body.syncAggregate = syncAggregate
    body.executionPayload = payload as electra.ExecutionPayload
    const bodyView = types.BeaconBlockBody.toView(body as never)
    const bodyRoot = bodyView.hashTreeRoot()
    const executionBranch = new Tree(bodyView.node).getSingleProof(BigInt(BLOCK_BODY_EXECUTION_PAYLOAD_GINDEX))

    // Finality trails by two epochs; the checkpoint names the latest block at or before its epoch's start.
    const finalizedEpoch = Math.max(0, epoch - 2)
    const finalizedBlock = finalizedEpoch > 0 ? this.blockAtOrBefore(finalizedEpoch * SLOTS_PER_EPOCH) : undefined
    const finalizedCheckpoint = finalizedBlock ? { epoch: finalizedEpoch, root: finalizedBlock.root } : { epoch: 0, root: ZERO_ROOT }

    const state = this.#stateView(fork)
    state.genesisTime = this.chain.genesisTime
    state.genesisValidatorsRoot = this.chain.genesisValidatorsRoot
    state.slot = slot
    const forkInfo = this.chain.config.getForkInfo(slot)
    state.fork = ssz.phase0.Fork.toViewDU({ previousVersion: forkInfo.prevVersion, currentVersion: forkInfo.version, epoch: forkInfo.epoch === Infinity ? 0 : forkInfo.epoch })
    state.latestBlockHeader = ssz.phase0.BeaconBlockHeader.toViewDU({ slot, proposerIndex: 0, parentRoot: parent?.root ?? ZERO_ROOT, stateRoot: ZERO_ROOT, bodyRoot })
    state.finalizedCheckpoint = ssz.phase0.Checkpoint.toViewDU(finalizedCheckpoint)
    if (this.#statePeriod !== period) {
      state.currentSyncCommittee = ssz.altair.SyncCommittee.toViewDU(this.committee(period).committee)
      state.nextSyncCommittee = ssz.altair.SyncCommittee.toViewDU(this.committee(period + 1).committee)
      this.#statePeriod = period
    }
    state.latestExecutionPayloadHeader = (types.ExecutionPayloadHeader as typeof ssz.electra.ExecutionPayloadHeader).toViewDU(payloadHeader as never)
    state.commit()
    const stateRoot = state.hashTreeRoot()
    const tree = new Tree(state.node)
    const electra = isForkPostElectra(fork)
    const branches = {
      currentSyncCommittee: tree.getSingleProof(BigInt(electra ? CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA : CURRENT_SYNC_COMMITTEE_GINDEX)),
      nextSyncCommittee: tree.getSingleProof(BigInt(electra ? NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA : NEXT_SYNC_COMMITTEE_GINDEX)),
      finalizedRoot: tree.getSingleProof(BigInt(electra ? FINALIZED_ROOT_GINDEX_ELECTRA : FINALIZED_ROOT_GINDEX)),
    }

    const header: phase0.BeaconBlockHeader = { slot, proposerIndex: 0, parentRoot: parent?.root ?? ZERO_ROOT, stateRoot, bodyRoot }
    const root = ssz.phase0.BeaconBlockHeader.hashTreeRoot(header)
    const proposerSigningRoot = ssz.phase0.SigningData.hashTreeRoot({ objectRoot: root, domain: this.beaconConfig.getDomain(slot, DOMAIN_BEACON_PROPOSER) })
    const signedBlock = {
      message: { slot, proposerIndex: 0, parentRoot: header.parentRoot, stateRoot, body },
      signature: signWithScalar(this.#seed, 'proposer', proposerSigningRoot),
    } as electra.SignedBeaconBlock
    const lcHeader = { beacon: header, execution: payloadHeader, executionBranch } as LightClientHeader<ForkPostCapella>

    const block: DevnetBlock = { slot, fork, root, header, signedBlock, lcHeader, finalizedCheckpoint, finalizedBlock, branches }
    this.blocks.push(block)
    this.#byRoot.set(Buffer.from(root).toString('hex'), block)
    if (parent && syncAggregate.syncCommitteeBits.getTrueBitIndexes().length >= MIN_SYNC_COMMITTEE_PARTICIPANTS) {
      this.#recordLightClientData(parent, slot, syncAggregate)
    }
    this.emit('block', block)
    return block
  }

  #recordLightClientData(attested: DevnetBlock, signatureSlot: number, syncAggregate: altair.SyncAggregate) {
    const version = attested.fork
    const optimistic: Versioned<LightClientOptimisticUpdate> = {
      version,
      data: { attestedHeader: attested.lcHeader, syncAggregate, signatureSlot } as LightClientOptimisticUpdate,
    }
    this.#optimisticUpdate = optimistic
    this.emit('optimistic_update', optimistic)

    const types = sszTypesFor(version)
    const fin = attested.finalizedBlock
    if (fin) {
      const previous = this.#finalityUpdate?.data.finalizedHeader.beacon.slot
      this.#finalityUpdate = {
        version,
        data: { attestedHeader: attested.lcHeader, finalizedHeader: fin.lcHeader, finalityBranch: attested.branches.finalizedRoot, syncAggregate, signatureSlot } as LightClientFinalityUpdate,
      }
      if (previous !== fin.slot) this.emit('finality_update', this.#finalityUpdate)
    }

    const period = periodAtSlot(signatureSlot)
    if (periodAtSlot(attested.slot) !== period) return
    const participants = syncAggregate.syncCommitteeBits.getTrueBitIndexes().length
    const finalizedInPeriod = fin !== undefined && periodAtSlot(fin.slot) === period
    // Ranking after the spec's is_better_update: supermajority, then finality of the same period,
    // then participation, then older data (fewer changes to what was served).
    const score: UpdateScore = [participants * 3 >= SYNC_COMMITTEE_SIZE * 2 ? 1 : 0, finalizedInPeriod ? 1 : 0, participants, -attested.slot]
    const best = this.#bestUpdates.get(period)
    if (best && !isBetter(score, best.score)) return
    const zeroHeader = types.LightClientHeader.defaultValue()
    const update = {
      attestedHeader: attested.lcHeader,
      nextSyncCommittee: this.committee(period + 1).committee,
      nextSyncCommitteeBranch: attested.branches.nextSyncCommittee,
      finalizedHeader: fin ? fin.lcHeader : zeroHeader,
      finalityBranch: fin ? attested.branches.finalizedRoot : attested.branches.finalizedRoot.map(() => ZERO_ROOT),
      syncAggregate,
      signatureSlot,
    } as LightClientUpdate
    this.#bestUpdates.set(period, { score, update: { version, data: update } })
  }
}

function isBetter(a: UpdateScore, b: UpdateScore): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i]
  return false
}
