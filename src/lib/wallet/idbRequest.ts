/** Promise wrappers for the two IndexedDB callbacks we need (a library like `idb` would add a dependency for ~20 lines). */
export function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

/** Resolves when the transaction commits; rejects if it errors or aborts (then nothing it did is kept). */
export function idbTransactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
  })
}

export function idbOpen({ indexedDB, name, stores }: { indexedDB: IDBFactory; name: string; stores: { name: string; keyPath?: string }[] }): Promise<IDBDatabase> {
  const request = indexedDB.open(name, 1)
  request.onupgradeneeded = () => {
    for (const s of stores)
      if (!request.result.objectStoreNames.contains(s.name)) request.result.createObjectStore(s.name, s.keyPath ? { keyPath: s.keyPath } : undefined)
  }
  return idbRequest(request)
}
