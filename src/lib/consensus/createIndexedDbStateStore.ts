import type { LightClientStateStore, PersistedLightClientState } from './LightClientStateStore.ts'

export type CreateIndexedDbStateStoreParameters = {
  /** Defaults to the browser's `indexedDB` (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory
  databaseName?: string
}

const STORE = 'lightClientState'

export type IndexedDbStateStore = LightClientStateStore & {
  /** Opens the database ahead (while the light client waits for the user: a fresh profile creates it). */
  open(): Promise<void>
  /**
   * Reads every saved state ahead, for the next `load` (whichever network it asks for), unless a
   * `save` or `clear` was asked for after this read began; then that load reads again. Settles
   * when the read has (never rejects: a failed read ahead is read again by the load, which reports it).
   */
  readAhead(): Promise<void>
}

/**
 * The browser's store for the verified light-client state. Its database opens on first use, or
 * ahead with `open()`; the saved states can be read ahead with `readAhead()`: a worker does so as
 * soon as its script ran, while the page's 'start' (which names the network, so the key) is still
 * on its way (20-80 ms at a warm start), so that the resume does not wait for the read after it
 * (35-50 ms). It is the same database read a few milliseconds earlier: what another tab saves in
 * between is a verified state too, only not the newest, which the round then brings.
 */
export function createIndexedDbStateStore({ indexedDB: idb = globalThis.indexedDB, databaseName = 'latchkey-consensus' }: CreateIndexedDbStateStoreParameters = {}): IndexedDbStateStore {
  let db: Promise<IDBDatabase> | undefined
  // The read ahead, for one load; dropped by a write asked for after it began.
  let ahead: Promise<Map<string, PersistedLightClientState>> | undefined
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
  const readAll = async () => {
    const tx = (await open()).transaction(STORE, 'readonly')
    return new Promise<Map<string, PersistedLightClientState>>((resolve, reject) => {
      const keys = tx.objectStore(STORE).getAllKeys()
      const values = tx.objectStore(STORE).getAll()
      tx.oncomplete = () => resolve(new Map(keys.result.map((key, i) => [String(key), values.result[i] as PersistedLightClientState])))
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error)
    })
  }
  return {
    open: async () => { await open() },
    readAhead: () => {
      ahead ??= readAll()
      return ahead.then(() => undefined, () => undefined)
    },
    load: async (key) => {
      const read = ahead
      ahead = undefined
      const states = read && (await read.catch(() => undefined))
      if (states) return states.get(key)
      return (await run<PersistedLightClientState | undefined>('readonly', (s) => s.get(key))) ?? undefined
    },
    save: async (key, state) => {
      ahead = undefined
      await run('readwrite', (s) => s.put(state, key))
    },
    clear: async (key) => {
      ahead = undefined
      await run('readwrite', (s) => s.delete(key))
    },
  }
}
