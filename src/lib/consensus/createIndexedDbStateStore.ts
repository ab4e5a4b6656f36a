import type { LightClientStateStore, PersistedLightClientState } from './LightClientStateStore.ts'

export type CreateIndexedDbStateStoreParameters = {
  /** Defaults to the browser's `indexedDB` (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory
  databaseName?: string
}

const STORE = 'lightClientState'

/**
 * The browser's store for the verified light-client state. Its database opens on first use, or
 * ahead with `open()` (while the light client waits for the user: a fresh profile creates it).
 */
export function createIndexedDbStateStore({ indexedDB: idb = globalThis.indexedDB, databaseName = 'latchkey-consensus' }: CreateIndexedDbStateStoreParameters = {}): LightClientStateStore & { open(): Promise<void> } {
  let db: Promise<IDBDatabase> | undefined
  const open = () => db ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = idb.open(databaseName, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  }).catch((error: unknown) => {
    db = undefined // opened ahead and failed: the client's own load tries again and reports it
    throw error
  })
  const run = async <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> => {
    const tx = (await open()).transaction(STORE, mode)
    return new Promise<T>((resolve, reject) => {
      const request = act(tx.objectStore(STORE))
      tx.oncomplete = () => resolve(request.result as T)
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error)
    })
  }
  return {
    open: async () => { await open() },
    load: async (key) => (await run<PersistedLightClientState | undefined>('readonly', (s) => s.get(key))) ?? undefined,
    save: async (key, state) => { await run('readwrite', (s) => s.put(state, key)) },
    clear: async (key) => { await run('readwrite', (s) => s.delete(key)) },
  }
}
