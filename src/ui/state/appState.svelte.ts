import { type DetectOriginReturnType, detectOrigin } from '../../lib/ipfs/detectOrigin.ts'
import { createIndexedDbLastVerifiedStore } from '../../lib/wallet/createIndexedDbLastVerifiedStore.ts'
import type { LastVerifiedStore } from '../../lib/wallet/lastVerifiedStore.ts'
import { ActivityState } from './activityState.svelte.ts'
import { CopyState } from './copyState.svelte.ts'
import { BalanceState } from './balanceState.svelte.ts'
import { NameState } from './nameState.svelte.ts'
import { PriceState } from './priceState.svelte.ts'
import { Router } from './router.svelte.ts'
import { Settings } from './settings.svelte.ts'
import { SyncState } from './syncState.svelte.ts'
import { TokenState } from './tokenState.svelte.ts'
import { HistoryState } from './historyState.svelte.ts'
import { WalletState } from './walletState.svelte.ts'

/**
 * The app's state objects, created once (by the App, while it initialises: their data flow lives as
 * long as the App) and shared by the screens through context.
 */
export class AppState {
  readonly router = new Router()
  readonly settings = new Settings()
  readonly sync = new SyncState()
  readonly wallet: WalletState
  readonly balances: BalanceState
  readonly tokens: TokenState
  readonly activity: ActivityState
  readonly history: HistoryState
  readonly names: NameState
  readonly prices: PriceState
  readonly origin: DetectOriginReturnType = detectOrigin(location)
  /** The service worker's verified copy of this CID (offline use). */
  readonly copy = new CopyState({ origin: this.origin })
  #lastVerified: LastVerifiedStore | undefined
  #toast = $state<string | undefined>(undefined)
  #toastTimer: ReturnType<typeof setTimeout> | undefined
  #startUpDone!: () => void
  /** Settles at the first verified balance at (or after) the synced head's block. */
  readonly #startedUp = new Promise<void>((resolve) => (this.#startUpDone = resolve))

  constructor() {
    const minutes = this.settings.autoLockMinutes
    this.wallet = new WalletState({
      autoLockMs: minutes > 0 ? minutes * 60_000 : undefined,
      watchList: this.settings,
      keysAllowed: () => this.vaultAllowed,
    })
    // Last verified values, kept on this origin: a reload with nothing answering shows them, stale.
    const lastVerified = (this.#lastVerified = typeof indexedDB === 'undefined' ? undefined : createIndexedDbLastVerifiedStore())
    // Balances follow the selected account of an open wallet (a locked one shows none).
    const address = () => (this.wallet.open ? this.wallet.selected?.address : undefined)
    this.balances = new BalanceState({ sync: this.sync, network: () => this.sync.network ?? this.settings.network, address, store: lastVerified })
    this.tokens = new TokenState({ sync: this.sync, settings: this.settings, address, store: lastVerified })
    this.activity = new ActivityState({ sync: this.sync, wallet: this.wallet })
    this.history = new HistoryState({ sync: this.sync, tokens: this.tokens })
    this.names = new NameState({ sync: this.sync, settings: this.settings })
    this.prices = new PriceState(this.sync)
    // The first verified balance at a block the synced head reached: the cold start is done, and
    // the offline copy may be made (it downloads and hashes the whole app).
    let syncedAt: bigint | undefined
    $effect(() => {
      if (syncedAt === undefined && this.sync.isSynced) syncedAt = this.sync.optimistic?.execution?.number
      const eth = this.balances.eth
      if (syncedAt !== undefined && eth.state === 'verified' && eth.block >= syncedAt) this.#startUpDone()
    })
  }

  /** A shared-origin gateway: other sites could read this copy's storage. */
  get sharedOrigin(): boolean {
    return this.origin.kind === 'path-gateway'
  }

  /** Keys may be kept here: an origin of our own, or the user accepted the risk. */
  get vaultAllowed(): boolean {
    return !this.sharedOrigin || this.settings.acceptedSharedOriginRisk
  }

  get toast() { return this.#toast }

  notify(message: string): void {
    this.#toast = message
    if (this.#toastTimer) clearTimeout(this.#toastTimer)
    this.#toastTimer = setTimeout(() => (this.#toast = undefined), 4000)
  }

  async start(): Promise<void> {
    // First, so the worker loads the light client while the wallet opens and the page loads the rest.
    this.sync.prepare()
    // The light client starts on the saved network before the vault is looked up (an IndexedDB
    // open, 100-200 ms at a browser's start): the network is a setting, not in the vault, and the
    // worker then syncs while the vault opens. A link's review, or a move into this release, sets
    // the network first.
    if (this.router.path !== '/connect' && this.router.path !== '/move-in') void this.sync.start($state.snapshot(this.settings.network))
    void this.copy.start({ startedUp: this.#startedUp }).catch((error: unknown) => console.warn('Latchkey: the offline copy is not available:', error))
    await this.wallet.load()
  }

  /** Starts the light client when it is not running (after a link's review was left unconfirmed). */
  ensureSync(): void {
    if (this.sync.status === 'idle') this.restartSync()
  }

  /** Reset this copy: the last verified balances kept for the next visit go too (they name the accounts). */
  async forgetLastVerified(): Promise<void> {
    await this.#lastVerified?.clear()
  }

  /** Restart the light client after the network or its endpoints changed. */
  restartSync(): void {
    void this.sync.start($state.snapshot(this.settings.network))
  }
}
