// The worker defines the light-client containers itself (src/lib/consensus/lightClientSsz.ts) to
// leave @lodestar/types out of its bundle; here each one is held to Lodestar's type of the same
// name and fork, so that they cannot drift: same serialization, hash_tree_root, JSON and default,
// for random values and for the recorded mainnet data.
import { BitArray, BitVectorType, ByteListType, ByteVectorType, ContainerType, type Type, UintBigintType, UintNumberType, VectorCompositeType } from '@chainsafe/ssz'
import { type ForkName } from '@lodestar/params'
import { ssz, sszTypesFor } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { BeaconBlockHeader, ForkData, SigningData, SyncAggregate, SyncCommittee, lightClientSszByFork } from '../../../src/lib/consensus/lightClientSsz.ts'
import { mainnetConfig, portalChain, ultralightCapellaA, ultralightCapellaB, ultralightDeneb, ultralightElectra } from './recordedChains.ts'

// A seeded generator: a failure names a value that can be made again.
function random(seed: number) {
  let state = seed >>> 0
  const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32)
  return { next, int: (max: number) => Math.floor(next() * max), bytes: (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)) }
}
type Random = ReturnType<typeof random>

/** A random value of an SSZ type, built from Lodestar's type (so it cannot share a mistake with ours). */
function randomValue(type: Type<unknown>, r: Random): unknown {
  if (type instanceof ContainerType) return Object.fromEntries(Object.entries(type.fields as Record<string, Type<unknown>>).map(([k, t]) => [k, randomValue(t, r)]))
  if (type instanceof VectorCompositeType) return Array.from({ length: type.length }, () => randomValue(type.elementType as Type<unknown>, r))
  if (type instanceof ByteVectorType) return r.bytes(type.lengthBytes)
  if (type instanceof ByteListType) return r.bytes(r.int(Math.min(type.limitBytes, 40) + 1))
  if (type instanceof BitVectorType) return BitArray.fromBoolArray(Array.from({ length: type.lengthBits }, () => r.next() < 0.7))
  if (type instanceof UintBigintType) return BigInt(bytesToHex(r.bytes(type.byteLength)))
  if (type instanceof UintNumberType) return type.byteLength >= 7 ? r.int(Number.MAX_SAFE_INTEGER) : r.int(2 ** (8 * type.byteLength))
  throw new Error(`no random values for ${type.typeName}`)
}

type AnyType = Type<unknown>

function expectSameType(ours: AnyType, theirs: AnyType, values: unknown[]) {
  expect(ours.fixedSize).toBe(theirs.fixedSize)
  expect(ours.minSize).toBe(theirs.minSize)
  expect(ours.maxSize).toBe(theirs.maxSize)
  expect(ours.serialize(ours.defaultValue())).toEqual(theirs.serialize(theirs.defaultValue()))
  expect(ours.hashTreeRoot(ours.defaultValue())).toEqual(theirs.hashTreeRoot(theirs.defaultValue()))
  for (const value of values) {
    const bytes = theirs.serialize(value)
    expect(ours.serialize(value)).toEqual(bytes)
    expect(bytesToHex(ours.hashTreeRoot(value))).toBe(bytesToHex(theirs.hashTreeRoot(value)))
    expect(ours.toJson(value)).toEqual(theirs.toJson(value))
    expect(ours.serialize(ours.deserialize(bytes))).toEqual(bytes)
    expect(ours.serialize(ours.fromJson(theirs.toJson(value)))).toEqual(bytes)
  }
}

const lightClientForks = Object.keys(lightClientSszByFork) as (keyof typeof lightClientSszByFork)[]

describe('the light-client containers are Lodestar\'s', () => {
  it.each(lightClientForks)('%s: LightClientHeader, Bootstrap, Update, FinalityUpdate, OptimisticUpdate (and ExecutionPayloadHeader)', (fork) => {
    const types = lightClientSszByFork[fork] as unknown as Record<string, AnyType>
    const names = Object.keys(types)
    expect(names).toEqual(expect.arrayContaining(['LightClientHeader', 'LightClientBootstrap', 'LightClientUpdate', 'LightClientFinalityUpdate', 'LightClientOptimisticUpdate']))
    if (fork !== 'altair' && fork !== 'bellatrix') expect(names).toContain('ExecutionPayloadHeader')
    for (const [index, name] of names.entries()) {
      const theirs = sszTypesFor(fork as ForkName, name as never) as unknown as AnyType
      const r = random(1000 * lightClientForks.indexOf(fork) + index)
      expectSameType(types[name]!, theirs, Array.from({ length: 6 }, () => randomValue(theirs, r)))
    }
  })

  it('BeaconBlockHeader, ForkData, SigningData, SyncCommittee, SyncAggregate', () => {
    const pairs: [AnyType, AnyType][] = [
      [BeaconBlockHeader as AnyType, ssz.phase0.BeaconBlockHeader as AnyType],
      [ForkData as AnyType, ssz.phase0.ForkData as AnyType],
      [SigningData as AnyType, ssz.phase0.SigningData as AnyType],
      [SyncCommittee as AnyType, ssz.altair.SyncCommittee as AnyType],
      [SyncAggregate as AnyType, ssz.altair.SyncAggregate as AnyType],
    ]
    pairs.forEach(([ours, theirs], i) => {
      const r = random(99 + i)
      expectSameType(ours, theirs, Array.from({ length: 6 }, () => randomValue(theirs, r)))
    })
  })

  it('decodes every recorded mainnet bootstrap and update (capella, deneb, electra) as Lodestar does', () => {
    const chains = [ultralightCapellaA(), ultralightCapellaB(), ultralightDeneb(), ultralightElectra(), portalChain('capella', { withUpdates: true }), portalChain('deneb', { withUpdates: false })]
    const items = chains.flatMap((chain) => [
      ...Object.values(chain.bootstraps).map((json) => ['LightClientBootstrap', json] as const),
      ...chain.updates.map((json) => ['LightClientUpdate', json] as const),
      ...(chain.finality ? [['LightClientFinalityUpdate', chain.finality] as const] : []),
      ...(chain.optimistic ? [['LightClientOptimisticUpdate', chain.optimistic] as const] : []),
    ])
    const forks = new Set<string>()
    for (const [name, json] of items) {
      const data = (json as { data: Record<string, any> }).data
      const fork = mainnetConfig.getForkName(Number((data.header ?? data.attested_header).beacon.slot)) as keyof typeof lightClientSszByFork
      forks.add(fork)
      const theirs = sszTypesFor(fork as ForkName, name as never) as unknown as AnyType
      const ours = lightClientSszByFork[fork][name] as unknown as AnyType
      const value = theirs.fromJson(data)
      expect(ours.serialize(ours.fromJson(data))).toEqual(theirs.serialize(value))
      expect(ours.hashTreeRoot(ours.fromJson(data))).toEqual(theirs.hashTreeRoot(value))
      expect(ours.toJson(value)).toEqual(theirs.toJson(value))
    }
    expect([...forks].sort()).toEqual(['capella', 'deneb', 'electra'])
  })
})
