import { BitArray } from '@chainsafe/ssz'
import { DOMAIN_SYNC_COMMITTEE, SYNC_COMMITTEE_SIZE } from '@lodestar/params'
import { type LightClientBootstrap, type LightClientUpdate, type altair, type capella, ssz } from '@lodestar/types'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from 'viem'
import { type SyncCommitteeKeys, createSyncCommitteeKeys, signAsCommittee } from '../../../scripts/devnet/syncCommitteeKeys.ts'
import { mainnetConfig } from './recordedChains.ts'

// Synthetic capella light-client data on the mainnet fork schedule, signed by real BLS keys
// (the devnet's deterministic committees): for the cases recorded chains never show.

export const PERIOD = 900
export const BASE_SLOT = PERIOD * 8192
const hash = (a: Uint8Array, b: Uint8Array) => sha256(Uint8Array.from([...a, ...b]))
const filler = (i: number) => sha256(new TextEncoder().encode(`synthetic-${i}`))

/** Root of a depth-5 tree (the top of a BeaconState) with the given leaves, and the branch of each leaf. */
function tree(leaves: Uint8Array[]): { root: Uint8Array; branch: (index: number) => Uint8Array[] } {
  const levels = [leaves]
  while (levels.at(-1)!.length > 1) {
    const below = levels.at(-1)!
    levels.push(Array.from({ length: below.length / 2 }, (_, i) => hash(below[2 * i]!, below[2 * i + 1]!)))
  }
  return {
    root: levels.at(-1)![0]!,
    branch: (index) => levels.slice(0, -1).map((level, depth) => level[(index >> depth) ^ 1]!),
  }
}

/** A capella light-client header whose execution branch verifies, on a state with these committees and this finalized root. */
function header({ slot, current, next, finalizedRoot }: { slot: number; current: altair.SyncCommittee; next: altair.SyncCommittee; finalizedRoot: Uint8Array }) {
  const epochLeaf = new Uint8Array(32)
  const checkpoint = hash(epochLeaf, finalizedRoot)
  const leaves: Uint8Array[] = Array.from({ length: 32 }, (_, i) => filler(slot * 64 + i))
  leaves[20] = checkpoint
  leaves[22] = ssz.altair.SyncCommittee.hashTreeRoot(current)
  leaves[23] = ssz.altair.SyncCommittee.hashTreeRoot(next)
  const state = tree(leaves)
  const execution = { ...ssz.capella.ExecutionPayloadHeader.defaultValue(), blockNumber: slot, blockHash: filler(slot) }
  // The payload is gindex 25 = leaf 9 of a 16-leaf body tree.
  const bodyLeaves: Uint8Array[] = Array.from({ length: 16 }, (_, i) => filler(slot * 1000 + i))
  bodyLeaves[9] = ssz.capella.ExecutionPayloadHeader.hashTreeRoot(execution)
  const bodyTree = tree(bodyLeaves)
  const lcHeader: capella.LightClientHeader = {
    beacon: { slot, proposerIndex: 7, parentRoot: filler(slot + 1), stateRoot: state.root, bodyRoot: bodyTree.root },
    execution,
    executionBranch: bodyTree.branch(9),
  }
  return {
    lcHeader,
    root: ssz.phase0.BeaconBlockHeader.hashTreeRoot(lcHeader.beacon),
    currentBranch: state.branch(22),
    nextBranch: state.branch(23),
    finalityBranch: [epochLeaf, ...state.branch(20)],
  }
}

export type SyntheticCommittee = { keys: SyncCommitteeKeys; committee: altair.SyncCommittee }

export function committeeOf(period: number): SyntheticCommittee {
  const keys = createSyncCommitteeKeys('synthetic', period)
  return { keys, committee: keys.committee }
}

/** The bootstrap of a trusted root at `BASE_SLOT + 10`, for any committee (valid or forged). */
export function syntheticBootstrap(current: altair.SyncCommittee, next: altair.SyncCommittee) {
  const h = header({ slot: BASE_SLOT + 10, current, next, finalizedRoot: filler(1) })
  const bootstrap: LightClientBootstrap = { header: h.lcHeader, currentSyncCommittee: current, currentSyncCommitteeBranch: h.currentBranch } as LightClientBootstrap
  return { bootstrap, trustedRoot: h.root, checkpoint: bytesToHex(h.root) }
}

export type SyntheticUpdateParameters = {
  signers: SyncCommitteeKeys
  /** Bits set (true = signed); default all. */
  bits?: boolean[]
  /** Bits the update claims, if not the ones that signed. */
  claimedBits?: boolean[]
  current: altair.SyncCommittee
  next: altair.SyncCommittee
  attestedSlot?: number
}

/** A sync-committee + finality update in PERIOD, finalizing a header at attestedSlot - 64. */
export function syntheticUpdate({ signers, bits = Array(SYNC_COMMITTEE_SIZE).fill(true), claimedBits, current, next, attestedSlot = BASE_SLOT + 200 }: SyntheticUpdateParameters): LightClientUpdate {
  const finalized = header({ slot: attestedSlot - 64, current, next, finalizedRoot: filler(2) })
  const attested = header({ slot: attestedSlot, current, next, finalizedRoot: finalized.root })
  const signatureSlot = attestedSlot + 1
  const signingRoot = ssz.phase0.SigningData.hashTreeRoot({
    objectRoot: attested.root, domain: mainnetConfig.getDomain(signatureSlot - 1, DOMAIN_SYNC_COMMITTEE),
  })
  return {
    attestedHeader: attested.lcHeader,
    nextSyncCommittee: next,
    nextSyncCommitteeBranch: attested.nextBranch,
    finalizedHeader: finalized.lcHeader,
    finalityBranch: attested.finalityBranch,
    syncAggregate: { syncCommitteeBits: BitArray.fromBoolArray(claimedBits ?? bits), syncCommitteeSignature: signAsCommittee(signers, bits, signingRoot) },
    signatureSlot,
  } as LightClientUpdate
}

export const json = {
  bootstrap: (b: LightClientBootstrap) => ({ version: 'capella', data: ssz.capella.LightClientBootstrap.toJson(b as capella.LightClientBootstrap) as any }),
  update: (u: LightClientUpdate) => ({ version: 'capella', data: ssz.capella.LightClientUpdate.toJson(u as capella.LightClientUpdate) as any }),
}

/** Bits with only these members not signing. */
export function allBut(...nonSigners: number[]): boolean[] {
  return Array.from({ length: SYNC_COMMITTEE_SIZE }, (_, i) => !nonSigners.includes(i))
}

export function only(...signers: number[]): boolean[] {
  return Array.from({ length: SYNC_COMMITTEE_SIZE }, (_, i) => signers.includes(i))
}
