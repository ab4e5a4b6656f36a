import type { ActivityStore } from './activityStore.ts'
import { filterActivity } from './activityStore.ts'
import { idbOpen, idbRequest, idbTransactionDone } from './idbRequest.ts'

export type CreateIndexedDbActivityStoreParameters = { indexedDB?: IDBFactory; databaseName?: string }

const storeName = 'activity'

export function createIndexedDbActivityStore({
  indexedDB = globalThis.indexedDB,
  databaseName = 'latchkey-activity',
}: CreateIndexedDbActivityStoreParameters = {}): ActivityStore {
  let db: Promise<IDBDatabase> | undefined
  const open = () => (db ??= idbOpen({ indexedDB, name: databaseName, stores: [{ name: storeName, keyPath: 'hash' }] }))
  return {
    async put(record) {
      const tx = (await open()).transaction(storeName, 'readwrite')
      const done = idbTransactionDone(tx)
      tx.objectStore(storeName).put(record)
      await done
    },
    async get(hash) {
      return idbRequest((await open()).transaction(storeName, 'readonly').objectStore(storeName).get(hash))
    },
    async list(filter) {
      return filterActivity(await idbRequest((await open()).transaction(storeName, 'readonly').objectStore(storeName).getAll()), filter)
    },
  }
}
