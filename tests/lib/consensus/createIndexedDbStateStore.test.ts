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
