/**
 * Where the encrypted vault record lives. `write` must be atomic: after it resolves the new
 * record is current; after it rejects (or the tab dies mid-way) the old current is untouched.
 * The previous good record is kept as a fallback for a current record damaged outside our
 * control; `dropPrevious` removes it (after a password change the old copy must not linger).
 */
export interface VaultStorage {
  read(): Promise<{ current?: string; previous?: string }>
  write(record: string, options?: { dropPrevious?: boolean }): Promise<void>
  clear(): Promise<void>
}

/** In-memory storage for Node tools and tests of code above the vault. */
export function createMemoryVaultStorage(): VaultStorage {
  let current: string | undefined
  let previous: string | undefined
  return {
    async read() {
      return { current, previous }
    },
    async write(record, { dropPrevious = false } = {}) {
      previous = dropPrevious ? undefined : current
      current = record
    },
    async clear() {
      current = previous = undefined
    },
  }
}
