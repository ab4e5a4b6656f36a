import { idbOpen, idbRequest, idbTransactionDone } from './idbRequest.ts'
import { type LastVerifiedStore, type LastVerifiedValue, isNewerValue, lastVerifiedKeyOf } from './lastVerifiedStore.ts'

export type CreateIndexedDbLastVerifiedStoreParameters = { indexedDB?: IDBFactory; databaseName?: string }

const storeName = 'values'

/** Last verified values in IndexedDB (bigints kept as bigints by structured clone), one row per network, account and asset. */
export function createIndexedDbLastVerifiedStore({
  indexedDB = globalThis.indexedDB,
  databaseName = 'latchkey-last-verified',
}: CreateIndexedDbLastVerifiedStoreParameters = {}): LastVerifiedStore {
  let db: Promise<IDBDatabase> | undefined
  const open = () => (db ??= idbOpen({ indexedDB, name: databaseName, stores: [{ name: storeName }] }))
  return {
    async get(key) {
      return (await idbRequest((await open()).transaction(storeName, 'readonly').objectStore(storeName).get(lastVerifiedKeyOf(key)))) as LastVerifiedValue | undefined
    },
    async put(key, value) {
      const id = lastVerifiedKeyOf(key)
      // One readwrite transaction: a value from an earlier block never overwrites a later one.
      const tx = (await open()).transaction(storeName, 'readwrite')
      const done = idbTransactionDone(tx)
      const store = tx.objectStore(storeName)
      const kept = store.get(id)
      kept.onsuccess = () => {
        if (isNewerValue(value, kept.result as LastVerifiedValue | undefined)) store.put(value, id)
      }
      await done
    },
    async clear() {
      const tx = (await open()).transaction(storeName, 'readwrite')
      const done = idbTransactionDone(tx)
      tx.objectStore(storeName).clear()
      await done
    },
  }
}
