import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { createIndexedDbLastVerifiedStore } from '../../../src/lib/wallet/createIndexedDbLastVerifiedStore.ts'
import { type LastVerifiedKey, type LastVerifiedStore, type LastVerifiedValue, createMemoryLastVerifiedStore } from '../../../src/lib/wallet/lastVerifiedStore.ts'

const key: LastVerifiedKey = { networkId: 'devnet', chainId: 1337, genesisValidatorsRoot: '0xAB', address: '0x00000000000000000000000000000000000000A1', asset: 'eth' }
const at = (block: bigint, value: bigint): LastVerifiedValue => ({
  value, block, blockHash: `0x${block.toString(16).padStart(64, '0')}`, slot: Number(block) + 10, timestamp: 1_700_000_000n + block, atCheckpoint: false, savedAt: 1,
})

const stores: [string, () => LastVerifiedStore][] = [
  ['memory', () => createMemoryLastVerifiedStore()],
  ['IndexedDB', () => createIndexedDbLastVerifiedStore({ indexedDB: new IDBFactory() })],
]

describe.each(stores)('last verified values (%s)', (_, create) => {
  it('keeps a value with its block, hash, slot and timestamp (bigints intact)', async () => {
    const store = create()
    await store.put(key, at(42n, 10n ** 30n + 7n))
    expect(await store.get(key)).toEqual(at(42n, 10n ** 30n + 7n))
    // The address's case does not make another account.
    expect(await store.get({ ...key, address: key.address.toLowerCase() })).toEqual(at(42n, 10n ** 30n + 7n))
  })

  it('a value from an earlier block never replaces one from a later block', async () => {
    const store = create()
    await store.put(key, at(50n, 5n))
    await store.put(key, at(49n, 4n))
    expect((await store.get(key))?.block).toBe(50n)
    await store.put(key, at(51n, 6n))
    expect(await store.get(key)).toEqual(at(51n, 6n))
  })

  it('clear forgets every value', async () => {
    const store = create()
    await store.put(key, at(42n, 1n))
    await store.put({ ...key, asset: '0x00000000000000000000000000000000000000a1' }, at(42n, 2n))
    await store.clear()
    expect(await store.get(key)).toBeUndefined()
    expect(await store.get({ ...key, asset: '0x00000000000000000000000000000000000000a1' })).toBeUndefined()
  })

  it('is scoped: another network, chain, genesis, account or asset sees nothing', async () => {
    const store = create()
    await store.put(key, at(42n, 1n))
    for (const other of [
      { ...key, networkId: 'devnet-2' }, { ...key, chainId: 1 }, { ...key, genesisValidatorsRoot: '0xcd' as const },
      { ...key, genesisValidatorsRoot: undefined }, { ...key, address: '0x00000000000000000000000000000000000000a2' }, { ...key, asset: '0x00000000000000000000000000000000000000a1' },
    ]) expect(await store.get(other)).toBeUndefined()
  })
})
