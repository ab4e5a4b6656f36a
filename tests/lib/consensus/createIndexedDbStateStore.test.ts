import { IDBFactory } from 'fake-indexeddb'
import { expect, it } from 'vitest'
import { createIndexedDbStateStore } from '../../../src/lib/consensus/createIndexedDbStateStore.ts'
import type { PersistedLightClientState } from '../../../src/lib/consensus/LightClientStateStore.ts'

const state = { version: 1, network: 'devnet', genesisValidatorsRoot: '0x00', finalizedHeader: {}, optimisticHeader: {}, syncCommittees: [], bestValidUpdates: [], savedAtMs: 1 } satisfies PersistedLightClientState

it('opened ahead (while the user reviews a link), it loads and saves as before, in one database', async () => {
  const idb = new IDBFactory()
  const opens: string[] = []
  const counting = { open: (name: string, version?: number) => (opens.push(name), idb.open(name, version)) } as unknown as globalThis.IDBFactory
  const store = createIndexedDbStateStore({ indexedDB: counting })
  await store.open()
  expect(await store.load('k')).toBeUndefined()
  await store.save('k', state)
  expect(await store.load('k')).toEqual(state)
  expect(opens).toEqual(['latchkey-consensus'])
})

it('a failed early open is not kept: the client\'s own load opens again (and would report its error)', async () => {
  const idb = new IDBFactory()
  let failNext = true
  const flaky = {
    open: (name: string, version?: number) => {
      if (!failNext) return idb.open(name, version)
      failNext = false
      return idb.open(name, 0) // version 0 is refused: the request fails
    },
  } as unknown as globalThis.IDBFactory
  const store = createIndexedDbStateStore({ indexedDB: flaky })
  await expect(store.open()).rejects.toBeDefined()
  await store.save('k', state)
  expect(await store.load('k')).toEqual(state)
})

it('read ahead, the next load answers from that read: what another tab writes afterwards is not read again', async () => {
  const idb = new IDBFactory()
  const otherTab = createIndexedDbStateStore({ indexedDB: idb })
  await otherTab.save('k', state)
  const store = createIndexedDbStateStore({ indexedDB: idb })
  await store.readAhead()
  await otherTab.clear('k')
  expect(await store.load('k')).toEqual(state)
  // Only once: the next load reads the database.
  expect(await store.load('k')).toBeUndefined()
})

it('read ahead, a key that was not saved loads as undefined, and a later save is read again', async () => {
  const idb = new IDBFactory()
  const store = createIndexedDbStateStore({ indexedDB: idb })
  await store.readAhead()
  expect(await store.load('k')).toBeUndefined()
  await createIndexedDbStateStore({ indexedDB: idb }).save('k', state)
  expect(await store.load('k')).toEqual(state)
})

it('a save or clear asked for after the read ahead began is not hidden by it', async () => {
  const idb = new IDBFactory()
  const store = createIndexedDbStateStore({ indexedDB: idb })
  await store.save('k', state)
  await store.readAhead()
  const newer = { ...state, savedAtMs: 2 }
  await store.save('k', newer)
  expect(await store.load('k')).toEqual(newer)
  await store.readAhead()
  await store.clear('k')
  expect(await store.load('k')).toBeUndefined()
})

it('a failed read ahead is read again by the load', async () => {
  const idb = new IDBFactory()
  await createIndexedDbStateStore({ indexedDB: idb }).save('k', state)
  let failNext = true
  const flaky = {
    open: (name: string, version?: number) => {
      if (!failNext) return idb.open(name, version)
      failNext = false
      return idb.open(name, 0)
    },
  } as unknown as globalThis.IDBFactory
  const store = createIndexedDbStateStore({ indexedDB: flaky })
  await store.readAhead()
  expect(await store.load('k')).toEqual(state)
})
