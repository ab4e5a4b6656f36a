import { idbOpen, idbRequest, idbTransactionDone } from '../wallet/idbRequest.ts'
import type { HistoryStore } from './historyStore.ts'
import type { ProvenHistory } from './types.ts'

const storeName = 'history'

/** The app's history store: IndexedDB keeps bigints as they are (structured clone), one record per chain and account. */
export function createIndexedDbHistoryStore({ indexedDB = globalThis.indexedDB, databaseName = 'latchkey-history' }: { indexedDB?: IDBFactory; databaseName?: string } = {}): HistoryStore {
  let db: Promise<IDBDatabase> | undefined
  const open = () => (db ??= idbOpen({ indexedDB, name: databaseName, stores: [{ name: storeName }] }))
  return {
    async get(key) {
      return (await idbRequest((await open()).transaction(storeName, 'readonly').objectStore(storeName).get(key))) as ProvenHistory | undefined
    },
    async put(key, history) {
      const tx = (await open()).transaction(storeName, 'readwrite')
      const done = idbTransactionDone(tx)
      tx.objectStore(storeName).put(history, key)
      await done
    },
  }
}
