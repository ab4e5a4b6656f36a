import type { altair } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { hash64Words } from './hash64Words.ts'

/** Each committee object's root, and its hex once asked for (the root's key in maps and the saved state). */
const roots = new WeakMap<altair.SyncCommittee, { bytes: Uint8Array; hex?: string }>()

const KEY_BYTES = 48
const KEYS = 512

/** A 48-byte key's hash_tree_root (ByteVector[48]: two chunks, the second zero-padded) into `out[outOffset..]`. */
function keyRoot(key: Uint8Array, block: Int32Array, out: Int32Array, outOffset: number): void {
  if (key.length !== KEY_BYTES) throw new Error(`a sync committee key has ${key.length} bytes, not ${KEY_BYTES}`)
  for (let w = 0; w < 12; w++) block[w] = (key[4 * w]! << 24) | (key[4 * w + 1]! << 16) | (key[4 * w + 2]! << 8) | key[4 * w + 3]!
  hash64Words(block, 0, out, outOffset)
}

/**
 * hash_tree_root(SyncCommittee) (altair beacon-chain `SyncCommittee`: `pubkeys` a Vector[BLSPubkey,
 * 512], `aggregate_pubkey` a BLSPubkey; https://github.com/ethereum/consensus-specs/blob/dev/ssz/simple-serialize.md#merkleization),
 * computed once per committee object: a committee is hashed for its Merkle branch, for the idle full
 * validation and for its root in the saved state. Merkleized here over hash64Words (why:
 * hash64Words.ts) rather than through @chainsafe/ssz's SyncCommittee.hashTreeRoot, to which
 * tests/lib/consensus/spec/syncCommitteeRoot.test.ts holds it. Decoded values are never changed in
 * place (the sync core replaces, never edits, what the store holds), so the object stands for its bytes.
 */
export function syncCommitteeRoot(committee: altair.SyncCommittee): Uint8Array {
  return rootEntry(committee).bytes
}

/** syncCommitteeRoot as 0x-prefixed lower-case hex, also computed once per committee object. */
export function syncCommitteeRootHex(committee: altair.SyncCommittee): string {
  const entry = rootEntry(committee)
  return (entry.hex ??= bytesToHex(entry.bytes))
}

function rootEntry(committee: altair.SyncCommittee): { bytes: Uint8Array; hex?: string } {
  let entry = roots.get(committee)
  if (!entry) roots.set(committee, (entry = { bytes: computeSyncCommitteeRoot(committee) }))
  return entry
}

function computeSyncCommitteeRoot(committee: altair.SyncCommittee): Uint8Array {
  if (committee.pubkeys.length !== KEYS) throw new Error(`a sync committee has ${committee.pubkeys.length} keys, not ${KEYS}`)
  const block = new Int32Array(16)
  // The 512 leaves, 8 words each, then each level hashed in place: nodes 2j and 2j+1 are 16
  // consecutive words, and node j of the next level is written over words already read.
  const nodes = new Int32Array(KEYS * 8)
  for (let i = 0; i < KEYS; i++) keyRoot(committee.pubkeys[i]!, block, nodes, i * 8)
  for (let count = KEYS / 2; count >= 1; count /= 2) for (let j = 0; j < count; j++) hash64Words(nodes, 16 * j, nodes, 8 * j)
  const pair = new Int32Array(16)
  pair.set(nodes.subarray(0, 8))
  keyRoot(committee.aggregatePubkey, block, pair, 8)
  hash64Words(pair, 0, pair, 0)
  const root = new Uint8Array(32)
  for (let w = 0; w < 8; w++) {
    const x = pair[w]!
    root[4 * w] = x >>> 24
    root[4 * w + 1] = x >>> 16
    root[4 * w + 2] = x >>> 8
    root[4 * w + 3] = x
  }
  return root
}
