import type { Hex } from 'viem'

/**
 * A value as it was last verified: the number and the block it was proven at (number, hash, slot
 * and that block's own timestamp, from which its age counts). Kept so that a reload with no
 * endpoint answering shows the last verified state, marked stale, instead of nothing. Not secret
 * (balances of addresses the user chose), but kept on the vault's origin only (IndexedDB is per origin).
 */
export type LastVerifiedValue = {
  value: bigint
  block: bigint
  blockHash: Hex | undefined
  slot: number
  timestamp: bigint
  atCheckpoint: boolean
  /** Clock time (ms) it was saved. */
  savedAt: number
}

/** What a value is: which network (id, chain id and genesis, so a replaced custom network never inherits values), which account, which asset. */
export type LastVerifiedKey = {
  networkId: string
  chainId: number
  genesisValidatorsRoot?: Hex
  address: string
  /** 'eth', or a token's contract address. */
  asset: string
}

export function lastVerifiedKeyOf({ networkId, chainId, genesisValidatorsRoot, address, asset }: LastVerifiedKey): string {
  return [networkId, chainId, genesisValidatorsRoot?.toLowerCase() ?? '-', address.toLowerCase(), asset.toLowerCase()].join('|')
}

/** Local store of last verified values, injected so the app uses IndexedDB and tests use memory. */
export interface LastVerifiedStore {
  get(key: LastVerifiedKey): Promise<LastVerifiedValue | undefined>
  /** Keeps `value` unless a value from a later block is already kept (two tabs, or a late answer). */
  put(key: LastVerifiedKey, value: LastVerifiedValue): Promise<void>
  /** Forgets every value (Settings → Reset this copy). */
  clear(): Promise<void>
}

export function isNewerValue(next: LastVerifiedValue, kept: LastVerifiedValue | undefined): boolean {
  return kept === undefined || next.block >= kept.block
}

export function createMemoryLastVerifiedStore(): LastVerifiedStore {
  const values = new Map<string, LastVerifiedValue>()
  return {
    async get(key) {
      const v = values.get(lastVerifiedKeyOf(key))
      return v && structuredClone(v)
    },
    async put(key, value) {
      const id = lastVerifiedKeyOf(key)
      if (isNewerValue(value, values.get(id))) values.set(id, structuredClone(value))
    },
    async clear() {
      values.clear()
    },
  }
}
