import type { Address, LocalAccount } from 'viem'
import { createIndexedDbVaultStorage } from '../../lib/wallet/createIndexedDbVaultStorage.ts'
import { Vault } from '../../lib/wallet/Vault.ts'
import { type VaultContents, emptyVaultContents } from '../../lib/wallet/vaultContents.ts'
import type { VaultStorage } from '../../lib/wallet/vaultStorage.ts'
import type { ExternalSigner } from '../../lib/wallet/createExternalSigner.ts'
import type { Eip1193Request } from '../../lib/wallet/guardExternalProvider.ts'
import type { QrSigningState } from './qrSigningState.svelte.ts'
import type { WatchedAddress, WatchedSigner } from '../../lib/settings/settingsData.ts'
import { BrowserWalletUnavailableError, KeysRefusedError, WalletExistsError, WalletNotReadyError } from './errors.ts'
import { PasswordTooShortError } from '../keys/errors.ts'

/** What the screens may see of an account: never key material. */
export type AccountView = { id: string; name: string; address: Address; kind: 'hd' | 'imported' | 'watch' | 'external' | 'ledger' | 'qr' }

/** A browser wallet as announced through EIP-6963. */
export type BrowserWallet = { info: { uuid: string; name: string; rdns: string }; provider: { request: Eip1193Request } }

export type NewWalletSource =
  | { kind: 'mnemonic'; mnemonic: string }
  | { kind: 'privateKey'; privateKey: string }
  | { kind: 'keystore'; keystore: string; keystorePassword: string; onProgress?: (fraction: number) => void }
  | { kind: 'watch'; address: string }

const ops = () => import('../keys/walletOps.ts')
// Loaded with the watch form (prepareWatch), so submitting it waits for no request.
let addressCheck: Promise<typeof import('../../lib/wallet/verifyAddress.ts')> | undefined
const loadAddressCheck = () => (addressCheck ??= import('../../lib/wallet/verifyAddress.ts').catch((error: unknown) => {
  addressCheck = undefined // a gateway hiccup: the next watch tries again
  throw error
}))
type Ops = Awaited<ReturnType<typeof ops>>

const SELECTED_KEY = 'latchkey.selectedAccount'

/** Addresses watched without a vault, kept in plain settings (see Settings). */
export type WatchList = {
  readonly watched: WatchedAddress[]
  addWatched(entry: WatchedAddress): void
  removeWatched(address: Address): void
}

/** Thrown when keys would be stored on a shared-origin gateway the user has not accepted. */
/** The vault as the screens use it: exists / locked / unlocked, the account list, the selected account. */
export class WalletState {
  #vault: Vault
  #storage: VaultStorage
  #ready = $state(false)
  #exists = $state(false)
  #unlocked = $state(false)
  #accounts = $state.raw<AccountView[]>([])
  #selectedId = $state<string | undefined>(globalThis.localStorage?.getItem(SELECTED_KEY) ?? undefined)
  /** Loaded on unlock/create; signing and export need it. */
  #ops: Ops | undefined
  #watchList: WatchList | undefined
  #keysAllowed: () => boolean
  /** Browser wallets connected in this session, by address (they hold the keys; we hold nothing). */
  #external = new Map<string, ExternalSigner>()
  /** Shows QR signing requests and takes their answers (air-gapped signers); loaded on first use. */
  #qrSigning = $state.raw<QrSigningState | undefined>(undefined)

  constructor({ storage = createIndexedDbVaultStorage(), autoLockMs, watchList, keysAllowed = () => true }: {
    storage?: VaultStorage
    autoLockMs?: number
    /** Watched addresses outside the vault: shown with the vault's accounts, usable with no vault at all. */
    watchList?: WatchList
    /** False on a shared origin the user has not accepted: creating a vault or adding keys is refused. */
    keysAllowed?: () => boolean
  } = {}) {
    this.#storage = storage
    this.#watchList = watchList
    this.#keysAllowed = keysAllowed
    this.#vault = new Vault({ storage, autoLockMs })
    this.#vault.onLock(() => {
      this.#unlocked = false
      this.#accounts = []
    })
  }

  get ready() { return this.#ready }
  get exists() { return this.#exists }
  get unlocked() { return this.#unlocked }
  /** The unlocked vault's accounts, then the addresses watched outside the vault. */
  get accounts(): AccountView[] {
    const watched = (this.#watchList?.watched ?? []).map(({ address, name, signer }): AccountView => {
      const kind = signerKind(signer)
      return kind === 'watch' ? { id: `watched:${address}`, name, address, kind } : { id: `${kind}:${address}`, name, address, kind }
    })
    return [...this.#accounts, ...watched]
  }
  get selected(): AccountView | undefined {
    const accounts = this.accounts
    return accounts.find((a) => a.id === this.#selectedId) ?? accounts[0]
  }
  /** Something to show: an unlocked vault, or (with no vault) watched addresses. */
  get open(): boolean {
    return this.#unlocked || (!this.#exists && (this.#watchList?.watched.length ?? 0) > 0)
  }

  /** The watch form is shown: load what `watch` checks the address with. */
  prepareWatch(): void {
    loadAddressCheck().catch(() => {}) // `watch` reports a failed load
  }

  /** The address `watch` would take for this text, or undefined when it would refuse it (its check loaded on the way). */
  async addressToWatch(text: string): Promise<Address | undefined> {
    const { verifyAddress } = await loadAddressCheck()
    try {
      return verifyAddress({ address: text })
    } catch {
      return undefined
    }
  }

  /** Watches an address without a vault (no keys, no password): kept in plain settings. */
  async watch({ address, name = 'Watched' }: { address: string; name?: string }): Promise<AccountView> {
    if (!this.#watchList) throw new WalletNotReadyError({ reason: 'no watch list' })
    const { verifyAddress } = await loadAddressCheck()
    const checked = verifyAddress({ address })
    this.#watchList.addWatched({ address: checked, name })
    this.select(`watched:${checked}`)
    return this.selected!
  }

  /**
   * Connects a browser wallet as a signer for the address it grants. Nothing is stored but the
   * address and the wallet's rdns; reads never go to the wallet (guardExternalProvider).
   */
  async connectExternal(wallet: BrowserWallet): Promise<AccountView> {
    const { createExternalSigner } = await import('../../lib/wallet/createExternalSigner.ts')
    const signer = await createExternalSigner({ provider: wallet.provider })
    const address = signer.account.address
    this.#external.set(address.toLowerCase(), signer)
    this.#watchList?.addWatched({ address, name: wallet.info.name, signer: { rdns: wallet.info.rdns, walletName: wallet.info.name } })
    this.select(`external:${address}`)
    return this.selected!
  }

  /** The signing account of a connected browser wallet; after a reload, the wallet is found again by its rdns. */
  async externalAccount(address: Address): Promise<LocalAccount> {
    return (await this.externalSigner(address)).account
  }

  /** The connected browser wallet itself: its account, and sending through it (for wallets without eth_signTransaction). */
  async externalSigner(address: Address): Promise<ExternalSigner> {
    const live = this.#external.get(address.toLowerCase())
    if (live) return live
    const entry = this.#watchList?.watched.find((w) => w.address.toLowerCase() === address.toLowerCase())
    if (!entry?.signer || !('rdns' in entry.signer)) throw new BrowserWalletUnavailableError({ address })
    const rdns = entry.signer.rdns
    const { watchExternalSigners } = await import('../../lib/wallet/watchExternalSigners.ts')
    const wallet = await new Promise<BrowserWallet | undefined>((resolve) => {
      let stop: (() => void) | undefined
      const timer = setTimeout(() => finish(undefined), 2_000)
      const finish = (found: BrowserWallet | undefined) => {
        clearTimeout(timer)
        queueMicrotask(() => stop?.())
        resolve(found)
      }
      stop = watchExternalSigners({ onChange: (list) => {
        const found = list.find((w) => w.info.rdns === rdns)
        if (found) finish(found as unknown as BrowserWallet)
      } })
    })
    if (!wallet) throw new BrowserWalletUnavailableError({ address, walletName: entry.signer.walletName, rdns })
    const { createExternalSigner } = await import('../../lib/wallet/createExternalSigner.ts')
    const signer = await createExternalSigner({ provider: wallet.provider, address })
    this.#external.set(address.toLowerCase(), signer)
    return signer
  }

  /** Adds a Ledger account: only its address and derivation path are kept (settings); the key stays on the device. */
  addLedger({ address, path }: { address: Address; path: string }): AccountView {
    if (!this.#watchList) throw new WalletNotReadyError({ reason: 'no watch list' })
    const n = (this.#watchList.watched.filter((w) => signerKind(w.signer) === 'ledger').length ?? 0) + 1
    this.#watchList.addWatched({ address, name: `Ledger ${n}`, signer: { kind: 'ledger', path, walletName: 'Ledger' } })
    this.select(`ledger:${address}`)
    return this.selected!
  }

  /** Adds an account of an air-gapped QR signer (ERC-4527): address, path and the signer's master fingerprint. */
  addQrAccount({ address, path, sourceFingerprint, walletName, name }: { address: Address; path: string; sourceFingerprint: number; walletName: string; name?: string }): AccountView {
    if (!this.#watchList) throw new WalletNotReadyError({ reason: 'no watch list' })
    this.#watchList.addWatched({ address, name: name ?? walletName, signer: { kind: 'qr', path, sourceFingerprint, walletName } })
    this.select(`qr:${address}`)
    return this.selected!
  }

  /** Where an account's signer lives (a Ledger's path, a QR signer's fingerprint), for the signing code. */
  signerOf(address: Address): WatchedSigner | undefined {
    return this.#watchList?.watched.find((w) => w.address.toLowerCase() === address.toLowerCase())?.signer
  }

  /** The open QR signing request of an air-gapped signer, if any (the Send screen shows it). */
  get qrSigning(): QrSigningState | undefined {
    return this.#qrSigning
  }

  /**
   * The signing account for any account that can sign: vault keys (unlocked vault), a browser
   * wallet, a Ledger (over WebHID; it checks that the device derives this address first) or a QR signer.
   */
  async signingAccount(account: AccountView): Promise<LocalAccount> {
    if (account.kind === 'external') return this.externalAccount(account.address)
    if (account.kind === 'ledger' || account.kind === 'qr') {
      // The hardware signers' code loads only when one signs.
      const { hardwareAccount } = await import('../keys/hardwareAccount.ts')
      return hardwareAccount({ account, signer: this.signerOf(account.address), qrSigning: async () => (this.#qrSigning ??= new (await import('./qrSigningState.svelte.ts')).QrSigningState()) })
    }
    return this.signer(account.id)
  }

  /** Stops watching an address kept outside the vault. */
  unwatch(address: Address): void {
    this.#external.delete(address.toLowerCase())
    this.#watchList?.removeWatched(address)
  }

  async load(): Promise<void> {
    this.#exists = await this.#vault.exists()
    this.#ready = true
  }

  /** Creates the vault with its first account(s). */
  async create({ password, source }: { password: string; source: NewWalletSource }): Promise<void> {
    if (!this.#keysAllowed()) throw new KeysRefusedError()
    if (password.length < 8) throw new PasswordTooShortError({ what: 'password', minLength: 8 })
    this.#ops ??= await ops()
    const contents = await addSource(this.#ops, emptyVaultContents(), source)
    await this.#vault.create({ password, contents })
    this.#exists = true
    this.#refresh()
  }

  /** Adds accounts to an unlocked vault. */
  async add(source: NewWalletSource): Promise<void> {
    if (!this.#keysAllowed() && source.kind !== 'watch') throw new KeysRefusedError()
    this.#ops ??= await ops()
    const next = await addSource(this.#ops, this.#vault.getContents(), source)
    await this.#vault.update(() => next)
    this.#refresh()
  }

  /** The next account of the (first) seed. */
  async addHdAccount(): Promise<void> {
    const { addHdAccount } = (this.#ops ??= await ops())
    await this.#vault.update((c) => {
      const seed = c.seeds[0]
      if (!seed) throw new WalletNotReadyError({ reason: 'no recovery phrase' })
      return addHdAccount({ contents: c, seedId: seed.id }).contents
    })
    this.#refresh()
  }

  async unlock(password: string): Promise<void> {
    this.#ops ??= await ops()
    await this.#vault.unlock({ password })
    this.#refresh()
  }

  lock(): void {
    this.#vault.lock()
  }

  touch(): void {
    this.#vault.touch()
  }

  setAutoLock(minutes: number): void {
    this.#vault.setAutoLock({ ms: minutes > 0 ? minutes * 60_000 : undefined })
  }

  select(id: string): void {
    this.#selectedId = id
    globalThis.localStorage?.setItem(SELECTED_KEY, id)
  }

  signer(accountId: string): LocalAccount {
    if (!this.#ops) throw new WalletNotReadyError({ reason: 'code not loaded' })
    return this.#ops.getAccountSigner({ contents: this.#vault.getContents(), accountId })
  }

  async exportKeystore({ accountId, password }: { accountId: string; password: string }): Promise<string> {
    const { exportAccountKeystore, deriveKeystoreKeyInWorker } = (this.#ops ??= await ops())
    return JSON.stringify(await exportAccountKeystore({ contents: this.#vault.getContents(), accountId, password, deriveKey: deriveKeystoreKeyInWorker }))
  }

  /** The encrypted vault record as stored (for the whole-setup export); still encrypted with the user's password. */
  async encryptedRecord(): Promise<string | undefined> {
    return (await this.#storage.read()).current
  }

  /** Restores an exported vault record (the user's password of that copy opens it). */
  async restoreRecord(record: string): Promise<void> {
    if (this.#exists) throw new WalletExistsError()
    await this.#storage.write(record, { dropPrevious: true })
    this.#exists = true
  }

  /** Deletes the vault from this browser. */
  async reset(): Promise<void> {
    this.#vault.lock()
    await this.#storage.clear()
    globalThis.localStorage?.removeItem(SELECTED_KEY)
    this.#selectedId = undefined
    this.#exists = false
  }

  #refresh(): void {
    this.#unlocked = this.#vault.isUnlocked
    this.#accounts = this.#vault.getContents().accounts.map(({ id, name, address, kind }) => ({ id, name, address, kind }))
  }
}

function signerKind(signer: WatchedSigner | undefined): 'watch' | 'external' | 'ledger' | 'qr' {
  if (!signer) return 'watch'
  return 'kind' in signer ? signer.kind : 'external'
}

async function addSource(
  { addHdAccount, addKeystoreAccount, addPrivateKeyAccount, addSeed, addWatchOnlyAccount, deriveKeystoreKeyInWorker, verifyMnemonic }: Ops,
  contents: VaultContents,
  source: NewWalletSource,
): Promise<VaultContents> {
  switch (source.kind) {
    case 'mnemonic': {
      const mnemonic = verifyMnemonic({ mnemonic: source.mnemonic })
      const seeded = addSeed({ contents, mnemonic })
      return addHdAccount({ contents: seeded.contents, seedId: seeded.seedId }).contents
    }
    case 'privateKey':
      return addPrivateKeyAccount({ contents, privateKey: source.privateKey.trim() }).contents
    case 'keystore':
      // The derivation runs in a worker: a keystore's scrypt takes seconds, the tab must not freeze.
      return (await addKeystoreAccount({ contents, keystore: source.keystore, password: source.keystorePassword, deriveKey: deriveKeystoreKeyInWorker, onProgress: source.onProgress })).contents
    case 'watch':
      return addWatchOnlyAccount({ contents, address: source.address.trim(), name: 'Watched' }).contents
  }
}
