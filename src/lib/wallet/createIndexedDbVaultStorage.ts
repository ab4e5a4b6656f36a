import { idbOpen, idbRequest, idbTransactionDone } from './idbRequest.ts'
import type { VaultStorage } from './vaultStorage.ts'

export type CreateIndexedDbVaultStorageParameters = {
  /** Defaults to globalThis.indexedDB; tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory
  databaseName?: string
}

type Pointer = { current: number; previous?: number }
const storeName = 'vault'
const pointerKey = 'pointer'
const recordKey = (generation: number) => `record-${generation}`

/**
 * Each write puts the record under a fresh key and switches the pointer in the same
 * readwrite transaction, so IndexedDB's all-or-nothing commit makes the switch atomic.
 */
export function createIndexedDbVaultStorage({
  indexedDB = globalThis.indexedDB,
  databaseName = 'latchkey-vault',
}: CreateIndexedDbVaultStorageParameters = {}): VaultStorage {
  let db: Promise<IDBDatabase> | undefined
  const open = () => (db ??= idbOpen({ indexedDB, name: databaseName, stores: [{ name: storeName }] }))

  return {
    async read() {
      const tx = (await open()).transaction(storeName, 'readonly')
      const store = tx.objectStore(storeName)
      const pointer = (await idbRequest(store.get(pointerKey))) as Pointer | undefined
      if (!pointer) return {}
      const [current, previous] = await Promise.all([
        idbRequest(store.get(recordKey(pointer.current))) as Promise<string | undefined>,
        pointer.previous === undefined ? undefined : (idbRequest(store.get(recordKey(pointer.previous))) as Promise<string | undefined>),
      ])
      return { current, previous }
    },

    async write(record, { dropPrevious = false } = {}) {
      const tx = (await open()).transaction(storeName, 'readwrite')
      const done = idbTransactionDone(tx)
      try {
        const store = tx.objectStore(storeName)
        const old = (await idbRequest(store.get(pointerKey))) as Pointer | undefined
        const generation = old ? old.current + 1 : 1
        await idbRequest(store.put(record, recordKey(generation)))
        const next: Pointer = dropPrevious || !old ? { current: generation } : { current: generation, previous: old.current }
        await idbRequest(store.put(next, pointerKey))
        if (old?.previous !== undefined) await idbRequest(store.delete(recordKey(old.previous)))
        if (old && dropPrevious) await idbRequest(store.delete(recordKey(old.current)))
      } catch (error) {
        try {
          tx.abort()
        } catch {
          // already finished or aborted
        }
        await done.catch(() => {})
        throw error
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
