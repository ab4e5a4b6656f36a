import { bytesToHex, hexToBytes } from 'viem'
import { VaultCorruptError, VaultExistsError, VaultLockedError, VaultNotFoundError, VaultRoundTripError, VaultWriteError } from './errors.ts'
import type { VaultAccount, VaultContents, VaultSeed } from './vaultContents.ts'
import { emptyVaultContents } from './vaultContents.ts'
import { type VaultKdf, defaultVaultKdf } from './vaultKdf.ts'
import type { VaultRecord } from './vaultRecord.ts'
import type { VaultStorage } from './vaultStorage.ts'

/** Timer source, injectable so tests drive auto-lock without waiting. */
export type VaultClock = {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}
const realClock: VaultClock = {
  setTimeout: (cb, ms) => globalThis.setTimeout(cb, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
}

export type VaultParameters = {
  storage: VaultStorage
  /** KDF for newly written vaults and password changes; default scrypt N=2^17 (OWASP). */
  kdf?: VaultKdf
  /** Lock after this long without touch()/update(); undefined = never. Default 15 minutes. */
  autoLockMs?: number | undefined
  clock?: VaultClock
}

/** `record`: the last record read or written under this key, to re-check the password against. */
type Unlocked = { key: CryptoKey; salt: Uint8Array; kdf: VaultKdf; contents: VaultContents; record?: VaultRecord }

// The record's cryptography (scrypt, PBKDF2, AES-GCM, the checksum's SHA-256) loads when a vault is
// created, unlocked or saved: the first paint only asks whether a vault exists, and a watch-only
// user never needs it (it was 23 kB gzip of the first paint with the signer below).
const loadRecord = () => import('./vaultRecord.ts')

const encode = (c: VaultContents) => new TextEncoder().encode(JSON.stringify(c))

/**
 * The encrypted vault. While unlocked, the AES key (non-extractable) and the decrypted
 * contents live only in this object's private fields; lock() drops them. JavaScript cannot
 * zero strings, so "wiped" means unreferenced; byte buffers we own are zeroed.
 */
export class Vault {
  readonly #storage: VaultStorage
  readonly #kdf: VaultKdf
  readonly #clock: VaultClock
  #autoLockMs: number | undefined
  #timer: unknown
  #unlocked: Unlocked | undefined
  #writing: Promise<unknown> = Promise.resolve()
  #lockListeners = new Set<() => void>()
  /** True when the last unlock had to fall back to the previous record because the current one was damaged. */
  recoveredFromPrevious = false

  constructor(parameters: VaultParameters) {
    const { storage, kdf = defaultVaultKdf, clock = realClock } = parameters
    this.#storage = storage
    this.#kdf = kdf
    this.#autoLockMs = 'autoLockMs' in parameters ? parameters.autoLockMs : 15 * 60_000
    this.#clock = clock
  }

  get isUnlocked(): boolean {
    return this.#unlocked !== undefined
  }

  get autoLockMs(): number | undefined {
    return this.#autoLockMs
  }

  async exists(): Promise<boolean> {
    const { current, previous } = await this.#storage.read()
    return current !== undefined || previous !== undefined
  }

  /** Creates and saves a new vault, leaving it unlocked. Refuses to overwrite an existing one. */
  async create({ password, contents = emptyVaultContents() }: { password: string; contents?: VaultContents }): Promise<void> {
    if (await this.exists()) throw new VaultExistsError()
    const { createVaultSalt, deriveVaultKey } = await loadRecord()
    const salt = createVaultSalt()
    const key = await deriveVaultKey({ password, kdf: this.#kdf, salt })
    const next = { key, salt, kdf: this.#kdf, contents: structuredClone(contents) }
    await this.#save(next, { dropPrevious: true })
    this.#setUnlocked(next)
  }

  /** Throws WrongPasswordError, VaultNotFoundError, VaultVersionError or VaultCorruptError (both copies damaged). */
  async unlock({ password }: { password: string }): Promise<void> {
    const { current, previous } = await this.#storage.read()
    if (current === undefined && previous === undefined) throw new VaultNotFoundError()
    const { decryptVaultRecord, deriveVaultKey, parseVaultRecord } = await loadRecord()
    let record: VaultRecord
    this.recoveredFromPrevious = false
    try {
      if (current === undefined) throw new VaultCorruptError({ reason: 'the current record is missing' })
      record = parseVaultRecord({ text: current })
    } catch (error) {
      if (!(error instanceof VaultCorruptError) || previous === undefined) throw error
      record = parseVaultRecord({ text: previous })
      this.recoveredFromPrevious = true
    }
    const salt = hexToBytes(record.salt as `0x${string}`)
    const key = await deriveVaultKey({ password, kdf: record.kdf, salt })
    const plaintext = await decryptVaultRecord({ key, record })
    let contents: VaultContents
    try {
      contents = JSON.parse(new TextDecoder().decode(plaintext))
    } finally {
      plaintext.fill(0)
    }
    this.#setUnlocked({ key, salt, kdf: record.kdf, contents, record })
  }

  lock(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer)
    this.#timer = undefined
    const was = this.#unlocked
    this.#unlocked = undefined
    if (was) for (const listener of this.#lockListeners) listener()
  }

  /** Calls `listener` whenever the vault locks (explicitly or by timer). Returns an unsubscribe. */
  onLock(listener: () => void): () => void {
    this.#lockListeners.add(listener)
    return () => this.#lockListeners.delete(listener)
  }

  /** Records user activity: restarts the auto-lock timer. */
  touch(): void {
    if (!this.#unlocked) return
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer)
    this.#timer = this.#autoLockMs === undefined ? undefined : this.#clock.setTimeout(() => this.lock(), this.#autoLockMs)
  }

  setAutoLock({ ms }: { ms: number | undefined }): void {
    if (ms !== undefined && !(ms > 0)) throw new RangeError('auto-lock delay must be positive')
    this.#autoLockMs = ms
    this.touch()
  }

  /** The accounts without any key material: what the UI lists. */
  getAccounts(): VaultAccount[] {
    if (!this.#unlocked) throw new VaultLockedError()
    return structuredClone(this.#unlocked.contents.accounts)
  }

  /** Showing a recovery phrase asks for the password again, even while unlocked. */
  async revealSeed({ seedId, password }: { seedId: string; password: string }): Promise<VaultSeed> {
    if (!this.#unlocked) throw new VaultLockedError()
    const { salt, kdf, record } = this.#unlocked
    const { decryptVaultRecord, deriveVaultKey } = await loadRecord()
    const key = await deriveVaultKey({ password, kdf, salt })
    ;(await decryptVaultRecord({ key, record: record! })).fill(0)
    const seed = this.#unlocked?.contents.seeds.find((s) => s.id === seedId)
    if (!seed) throw new RangeError(`no seed with id ${seedId}`)
    return { ...seed }
  }

  /** A deep copy of the decrypted contents (with key material: for account management, not for display). */
  getContents(): VaultContents {
    if (!this.#unlocked) throw new VaultLockedError()
    this.touch()
    return structuredClone(this.#unlocked.contents)
  }

  /**
   * Applies `change` and saves atomically. Memory is updated only after the write succeeded,
   * so a failed write leaves both the stored and the in-memory vault as they were.
   */
  async update(change: (contents: VaultContents) => VaultContents): Promise<void> {
    const run = async () => {
      const current = this.#unlocked
      if (!current) throw new VaultLockedError()
      const next = { ...current, contents: change(structuredClone(current.contents)) }
      await this.#save(next)
      if (this.#unlocked === current) this.#unlocked = next
      this.touch()
    }
    const p = this.#writing.then(run, run)
    this.#writing = p.catch(() => {})
    return p
  }

  /** Re-encrypts under a new password (fresh salt, current default KDF) and drops the old copy. */
  async changePassword({ currentPassword, newPassword }: { currentPassword: string; newPassword: string }): Promise<void> {
    const check = new Vault({ storage: this.#storage, autoLockMs: undefined })
    await check.unlock({ password: currentPassword })
    const contents = check.getContents()
    check.lock()
    const { createVaultSalt, deriveVaultKey } = await loadRecord()
    const salt = createVaultSalt()
    const key = await deriveVaultKey({ password: newPassword, kdf: this.#kdf, salt })
    const next = { key, salt, kdf: this.#kdf, contents }
    await this.#save(next, { dropPrevious: true })
    this.#setUnlocked(next)
  }

  #setUnlocked(state: Unlocked) {
    this.#unlocked = state
    this.touch()
  }

  /** Encrypts, verifies, and atomically stores `state`; on success sets `state.record`. */
  async #save(state: Unlocked, options?: { dropPrevious?: boolean }): Promise<void> {
    const { decryptVaultRecord, encryptVaultRecord, parseVaultRecord } = await loadRecord()
    const plaintext = encode(state.contents)
    let text: string
    let record: VaultRecord
    try {
      record = await encryptVaultRecord({ key: state.key, kdf: state.kdf, salt: state.salt, plaintext })
      text = JSON.stringify(record)
      // Verify the exact text we will store before it can replace the good copy.
      const check = await decryptVaultRecord({ key: state.key, record: parseVaultRecord({ text }) })
      const same = bytesToHex(check) === bytesToHex(plaintext)
      check.fill(0)
      if (!same) throw new VaultRoundTripError()
    } catch (cause) {
      throw new VaultWriteError({ cause })
    } finally {
      plaintext.fill(0)
    }
    try {
      await this.#storage.write(text, options)
    } catch (cause) {
      throw new VaultWriteError({ cause })
    }
    state.record = record
  }
}
