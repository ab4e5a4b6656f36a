import { bytesToHex } from 'viem'
import { expect, it } from 'vitest'
import { decodeLightClientData } from '../../../../src/lib/consensus/decodeLightClientData.ts'
import { SyncCommittee } from '../../../../src/lib/consensus/lightClientSsz.ts'
import { syncCommitteeRoot, syncCommitteeRootHex } from '../../../../src/lib/consensus/spec/syncCommitteeRoot.ts'
import { heliosChain } from '../heliosChain.ts'
import { mainnetConfig } from '../recordedChains.ts'

const randomCommittee = () => {
  const committee = SyncCommittee.defaultValue()
  const random = (key: Uint8Array) => key.set(crypto.getRandomValues(new Uint8Array(key.length)))
  committee.pubkeys.forEach(random)
  random(committee.aggregatePubkey)
  return committee
}

it("equals @chainsafe/ssz's hash_tree_root(SyncCommittee) for random and all-zero committees", () => {
  for (const committee of [SyncCommittee.defaultValue(), ...Array.from({ length: 5 }, randomCommittee)]) {
    expect(syncCommitteeRoot(committee)).toEqual(SyncCommittee.hashTreeRoot(committee))
  }
})

it('moves with every byte: one changed bit in any key or in aggregate_pubkey gives the root ssz gives', () => {
  const committee = randomCommittee()
  const original = syncCommitteeRoot(committee)
  for (const [index, byte] of [[0, 0], [1, 47], [255, 20], [256, 0], [511, 47], [-1, 0], [-1, 47]] as const) {
    const tampered = SyncCommittee.deserialize(SyncCommittee.serialize(committee))
    const key = index < 0 ? tampered.aggregatePubkey : tampered.pubkeys[index]!
    key[byte]! ^= 1
    expect(syncCommitteeRoot(tampered)).toEqual(SyncCommittee.hashTreeRoot(tampered))
    expect(syncCommitteeRoot(tampered)).not.toEqual(original)
  }
})

it('gives the same root as lower-case hex, whichever is asked for first', () => {
  const hexFirst = randomCommittee()
  expect(syncCommitteeRootHex(hexFirst)).toBe(bytesToHex(SyncCommittee.hashTreeRoot(hexFirst)))
  expect(syncCommitteeRoot(hexFirst)).toEqual(SyncCommittee.hashTreeRoot(hexFirst))
  const bytesFirst = randomCommittee()
  expect(syncCommitteeRoot(bytesFirst)).toEqual(SyncCommittee.hashTreeRoot(bytesFirst))
  expect(syncCommitteeRootHex(bytesFirst)).toBe(bytesToHex(SyncCommittee.hashTreeRoot(bytesFirst)))
  expect(syncCommitteeRootHex(bytesFirst)).not.toBe(syncCommitteeRootHex(hexFirst))
})

it("equals ssz's root for a recorded mainnet committee", () => {
  const [json] = Object.values(heliosChain().bootstraps)
  const { value } = decodeLightClientData({ config: mainnetConfig, kind: 'bootstrap', json, url: 'fixture' })
  expect(syncCommitteeRoot(value.currentSyncCommittee)).toEqual(SyncCommittee.hashTreeRoot(value.currentSyncCommittee))
})

it('refuses a committee of the wrong shape instead of hashing it', () => {
  const short = { ...randomCommittee(), pubkeys: randomCommittee().pubkeys.slice(1) }
  expect(() => syncCommitteeRoot(short)).toThrow(/511 keys/)
  const shortKey = randomCommittee()
  shortKey.pubkeys[3] = shortKey.pubkeys[3]!.subarray(1)
  expect(() => syncCommitteeRoot(shortKey)).toThrow(/47 bytes/)
})
