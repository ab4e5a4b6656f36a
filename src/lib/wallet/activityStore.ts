import type { Address, Hash, TransactionSerializableEIP1559 } from 'viem'

export type ActivityStatus = 'pending' | 'success' | 'failed' | 'replaced' | 'dropped'

/** One transaction this wallet sent. bigints are kept as bigints (IndexedDB's structured clone stores them). */
export type ActivityRecord = {
  hash: Hash
  chainId: number
  from: Address
  nonce: number
  kind: 'send' | 'speedUp' | 'cancel'
  transaction: TransactionSerializableEIP1559
  /** What the user saw: recipient and amount in the token's units. */
  /** `call`: a contract call's decoded function and arguments (the Contract screen), shown beside its ETH value. */
  summary: { recipient: Address; amount: bigint; symbol: string; decimals: number; token?: Address; call?: string }
  status: ActivityStatus
  /** For a speed-up/cancel: the hash it replaces; on the original: its replacement(s). */
  replaces?: Hash
  replacedBy?: Hash[]
  blockNumber?: bigint
  /** 'wallet': a browser wallet signed and broadcast it (eth_sendTransaction); Latchkey never saw the signed bytes. */
  broadcastBy?: 'wallet'
  /**
   * For broadcastBy 'wallet': the transaction found under the hash in its verified block, compared with
   * the reviewed one (verifyWalletTransaction). Set together with the receipt's status.
   */
  walletCheck?: { ok: true } | { ok: false; message: string }
  /** The including block's own timestamp (Unix seconds, from its verified header): the receipt's age counts from it. */
  blockTimestamp?: bigint
  submittedAt: number
  updatedAt: number
}

/** Local store of sent transactions, injected so the app uses IndexedDB and tools use memory. */
export interface ActivityStore {
  put(record: ActivityRecord): Promise<void>
  get(hash: Hash): Promise<ActivityRecord | undefined>
  /** Newest first. */
  list(filter?: { chainId?: number; from?: Address }): Promise<ActivityRecord[]>
}

export function filterActivity(records: ActivityRecord[], filter: { chainId?: number; from?: Address } = {}): ActivityRecord[] {
  return records
    .filter((r) => (filter.chainId === undefined || r.chainId === filter.chainId) && (filter.from === undefined || r.from.toLowerCase() === filter.from.toLowerCase()))
    .sort((a, b) => b.submittedAt - a.submittedAt || b.nonce - a.nonce)
}

export function createMemoryActivityStore(): ActivityStore {
  const records = new Map<string, ActivityRecord>()
  return {
    async put(record) {
      records.set(record.hash, structuredClone(record))
    },
    async get(hash) {
      const r = records.get(hash)
      return r && structuredClone(r)
    },
    async list(filter) {
      return filterActivity([...records.values()].map((r) => structuredClone(r)), filter)
    },
  }
}
