import type { Address } from '../execution/types.ts'
import type { ProvenHistory } from './types.ts'

/**
 * Where proven ranges are kept so they are not proven again (IndexedDB in the app, a file per
 * account in the CLI's state dir). What comes back was proven by this install, against headers the
 * light client verified; a forward extension is still linked to it by hash before it is used.
 */
export type HistoryStore = {
  get(key: string): Promise<ProvenHistory | undefined>
  put(key: string, history: ProvenHistory): Promise<void>
}

/** One history per chain and account. */
export const historyKey = ({ chainId, address }: { chainId: number; address: Address }) => `${chainId}:${address.toLowerCase()}`
