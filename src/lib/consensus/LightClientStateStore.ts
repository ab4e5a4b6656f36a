/**
 * What a restart needs to continue without trusting anyone again: the last verified finalized
 * header and the sync committees (plus the best pending committee update) that can verify what
 * comes next. JSON-safe: hex strings and Beacon-API JSON only.
 */
export type PersistedLightClientState = {
  version: 1
  network: string
  genesisValidatorsRoot: string
  finalizedHeader: unknown
  optimisticHeader: unknown
  syncCommittees: { period: number; committee: unknown }[]
  bestValidUpdates: { period: number; update: unknown }[]
  /** The spec store's participation maxima (absent in states saved before the own core). */
  maxActiveParticipants?: { previous: number; current: number }
  /** Committees whose keys were all validated; the others are validated again after a restore. */
  validatedCommitteeRoots?: string[]
  savedAtMs: number
  /**
   * The checkpoint root this chain of verification started from, carried across saves: a restart
   * given the same trusted root resumes instead of bootstrapping again.
   */
  anchorRoot?: string
}

/** Storage for the light client's verified state; implementations: memory, IndexedDB (browser), file (Node). */
export interface LightClientStateStore {
  load(key: string): Promise<PersistedLightClientState | undefined>
  save(key: string, state: PersistedLightClientState): Promise<void>
  clear(key: string): Promise<void>
}

export function createMemoryStateStore(): LightClientStateStore {
  const states = new Map<string, string>()
  return {
    load: async (key) => {
      const text = states.get(key)
      return text === undefined ? undefined : JSON.parse(text)
    },
    save: async (key, state) => { states.set(key, JSON.stringify(state)) },
    clear: async (key) => { states.delete(key) },
  }
}
