import { untrack } from 'svelte'
import type { Address, Hash } from 'viem'
import type { ActivityRecord, ActivityStore } from '../../lib/wallet/activityStore.ts'
import { createIndexedDbActivityStore } from '../../lib/wallet/createIndexedDbActivityStore.ts'
import type { SyncState } from './syncState.svelte.ts'
import type { WalletState } from './walletState.svelte.ts'
import { errorText } from '../display/errorText.ts'
import type { ValueEvidence } from '../engine/readWithEvidence.ts'
import { readReceiptWithEvidence } from '../engine/readReceiptWithEvidence.ts'
import { AccountNotInWalletError, NoVerifiedHeadError } from './errors.ts'

/** How many mined records get their receipt's evidence read (newest first). */
const MAX_EVIDENCED = 20

/** Transactions sent from this wallet, their status from verified receipts, speed-up and cancel. */
export class ActivityState {
  #store: ActivityStore
  #sync: SyncState
  #wallet: WalletState
  #records = $state.raw<ActivityRecord[]>([])
  #error = $state<string | undefined>(undefined)
  #refreshing = false
  // Receipt evidence is kept in memory only (it is a session's proof, not part of the record).
  #evidence = $state.raw<Record<string, ValueEvidence>>({})
  #evidencing = false

  /**
   * Created while the App initialises, so the data flow below lives as long as the App: pending
   * transactions are checked at every new verified head, and the list follows the selected
   * account and the network.
   */
  constructor({ sync, wallet, store = createIndexedDbActivityStore() }: { sync: SyncState; wallet: WalletState; store?: ActivityStore }) {
    this.#sync = sync
    this.#wallet = wallet
    this.#store = store
    sync.eachHead(() => this.refresh())
    $effect(() => {
      void wallet.selected?.address
      void sync.network
      void this.load()
    })
  }

  get store() { return this.#store }
  get records() { return this.#records }
  get error() { return this.#error }
  /** What a mined record's status rests on ("What was checked"), once read with its evidence this visit. */
  evidenceOf(hash: Hash): ValueEvidence | undefined {
    return this.#evidence[hash.toLowerCase()]
  }

  async load(): Promise<void> {
    const from = this.#wallet.selected?.address
    const chainId = this.#sync.network?.chainId
    this.#records = from && chainId !== undefined ? await this.#store.list({ chainId, from }) : []
    // Untracked: load runs inside effects, and the records it just wrote must not become their dependency.
    void untrack(() => this.#readEvidence())
  }

  /**
   * The receipt of each mined record, read again with its evidence (all of its block's receipts
   * against the receipts root, who served them): one at a time, once per visit; the newest
   * MAX_EVIDENCED (each costs a whole block's receipts).
   */
  async #readEvidence(): Promise<void> {
    const engine = this.#sync.engine
    if (!engine || this.#evidencing || !this.#sync.optimistic) return
    this.#evidencing = true
    try {
      for (const record of this.#records.filter((r) => r.status === 'success' || r.status === 'failed').slice(0, MAX_EVIDENCED)) {
        const hash = record.hash.toLowerCase() as Hash
        if (this.#evidence[hash]) continue
        try {
          const evidence = await readReceiptWithEvidence({ engine, hash })
          if (evidence) this.#evidence = { ...this.#evidence, [hash]: evidence }
        } catch {
          // The status stays as verified by refresh; the evidence is read again on the next load.
        }
      }
    } finally {
      this.#evidencing = false
    }
  }

  /** Checks pending transactions against verified receipts (called on every new head). */
  async refresh(): Promise<void> {
    const engine = this.#sync.engine
    const from = this.#wallet.selected?.address
    const chainId = this.#sync.network?.chainId
    if (!engine || !from || chainId === undefined || this.#refreshing || !this.#sync.optimistic) return
    this.#refreshing = true
    try {
      const { refreshActivity } = await import('../../lib/wallet/refreshActivity.ts')
      await refreshActivity({ client: engine.client, activity: this.#store, chainId, from: from as Address })
      this.#error = undefined
    } catch (error) {
      this.#error = errorText(error)
    } finally {
      this.#refreshing = false
      await this.load()
    }
  }

  get(hash: Hash): ActivityRecord | undefined {
    return this.#records.find((r) => r.hash === hash)
  }

  /** Same nonce, higher fees: speed-up resends the transfer, cancel sends 0 ETH to self. */
  async replace({ hash, mode }: { hash: Hash; mode: 'speedUp' | 'cancel' }): Promise<Hash> {
    const engine = this.#sync.engine
    const head = this.#sync.optimistic?.execution
    const original = await this.#store.get(hash)
    if (!engine || !head || !original) throw new NoVerifiedHeadError({ action: mode === 'cancel' ? 'Cancelling a transaction' : 'Speeding up a transaction' })
    // The replacement's fees come from the head's base fee: not from a stale one.
    this.#sync.verifyHeadCurrent()
    const account = this.#wallet.accounts.find((a) => a.address.toLowerCase() === original.from.toLowerCase())
    if (!account) throw new AccountNotInWalletError({ address: original.from })
    const { createReplacement, sendTransfer } = await import('../keys/walletOps.ts')
    const replacement = createReplacement({ original, mode, baseFeePerGas: head.baseFeePerGas })
    const { hash: newHash } = await sendTransfer({
      client: engine.client,
      account: await this.#wallet.signingAccount(account),
      transaction: replacement.transaction,
      summary: replacement.summary,
      kind: replacement.kind,
      replaces: replacement.replaces,
      activity: this.#store,
    })
    await this.load()
    return newHash
  }
}
