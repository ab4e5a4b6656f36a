import { IDBFactory, IDBObjectStore } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createIndexedDbVaultStorage } from '../../../src/lib/wallet/createIndexedDbVaultStorage.ts'
import {
  VaultCorruptError,
  VaultExistsError,
  VaultLockedError,
  VaultNotFoundError,
  VaultVersionError,
  VaultWriteError,
  WrongPasswordError,
} from '../../../src/lib/wallet/errors.ts'
import type { VaultClock } from '../../../src/lib/wallet/Vault.ts'
import { Vault } from '../../../src/lib/wallet/Vault.ts'
import type { VaultContents } from '../../../src/lib/wallet/vaultContents.ts'
import { getAccountSigner } from '../../../src/lib/wallet/getAccountSigner.ts'
import { type VaultKdf, defaultVaultKdf, recommendedPbkdf2Kdf } from '../../../src/lib/wallet/vaultKdf.ts'
import { parseVaultRecord } from '../../../src/lib/wallet/vaultRecord.ts'
import { createMemoryVaultStorage } from '../../../src/lib/wallet/vaultStorage.ts'

// Low work factors keep the suite fast; the defaults are asserted separately.
const fastKdf: VaultKdf = { name: 'scrypt', N: 1024, r: 8, p: 1 }
const anvilMnemonic = 'test test test test test test test test test test test junk'
const contentsA: VaultContents = {
  seeds: [{ id: 's1', mnemonic: anvilMnemonic }],
  keys: [{ id: 'k1', privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d', source: 'privateKey' }],
  accounts: [
    { kind: 'hd', id: 'a1', name: 'Main', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', seedId: 's1', index: 0 },
    { kind: 'watch', id: 'a2', name: 'Cold', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' },
  ],
}
const withName = (name: string) => (c: VaultContents): VaultContents => ({
  ...c,
  accounts: c.accounts.map((a) => (a.id === 'a1' ? { ...a, name } : a)),
})

function fakeClock() {
  let now = 0
  const timers = new Map<number, { at: number; cb: () => void }>()
  let nextId = 1
  const clock: VaultClock & { advance(ms: number): void; pending(): number } = {
    setTimeout(cb, ms) {
      timers.set(nextId, { at: now + ms, cb })
      return nextId++
    },
    clearTimeout(h) {
      timers.delete(h as number)
    },
    advance(ms) {
      now += ms
      for (const [id, t] of [...timers]) if (t.at <= now) { timers.delete(id); t.cb() }
    },
    pending: () => timers.size,
  }
  return clock
}

const idbStorage = () => createIndexedDbVaultStorage({ indexedDB: new IDBFactory(), databaseName: 'v' })

afterEach(() => vi.restoreAllMocks())

describe('vault round trip', () => {
  it('creates, locks, and unlocks (from a fresh instance) to the same contents; the record holds no plaintext', async () => {
    const storage = idbStorage()
    const vault = new Vault({ storage, kdf: fastKdf })
    expect(await vault.exists()).toBe(false)
    await vault.create({ password: 'correct horse', contents: contentsA })
    expect(vault.isUnlocked).toBe(true)
    vault.lock()
    expect(vault.isUnlocked).toBe(false)
    expect(() => vault.getContents()).toThrow(VaultLockedError)

    const again = new Vault({ storage })
    await again.unlock({ password: 'correct horse' })
    expect(again.getContents()).toEqual(contentsA)

    const { current } = await storage.read()
    const record = parseVaultRecord({ text: current! })
    expect(record).toMatchObject({ version: 1, kdf: fastKdf })
    expect(current).not.toContain('test test')
    expect(current).not.toContain('59c6995e')
    expect(current).not.toContain('Main')
  })

  it('works with PBKDF2-SHA256 too', async () => {
    const vault = new Vault({ storage: createMemoryVaultStorage(), kdf: { name: 'pbkdf2-sha256', iterations: 1000 } })
    await vault.create({ password: 'pw', contents: contentsA })
    vault.lock()
    await vault.unlock({ password: 'pw' })
    expect(vault.getContents()).toEqual(contentsA)
  })

  it('defaults to OWASP-strength KDFs', () => {
    expect(defaultVaultKdf).toEqual({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 })
    expect(recommendedPbkdf2Kdf).toEqual({ name: 'pbkdf2-sha256', iterations: 600_000 })
  })

  it('update persists; getContents returns copies', async () => {
    const storage = idbStorage()
    const vault = new Vault({ storage, kdf: fastKdf })
    await vault.create({ password: 'pw', contents: contentsA })
    vault.getContents().accounts[0].name = 'mutated'
    expect(vault.getContents().accounts[0].name).toBe('Main')
    await vault.update(withName('Renamed'))
    await Promise.all([vault.update(withName('X')), vault.update(withName('Y'))])
    const again = new Vault({ storage })
    await again.unlock({ password: 'pw' })
    expect(again.getContents().accounts[0].name).toBe('Y')
  })

  it('refuses to overwrite, reports a missing vault, and refuses updates while locked', async () => {
    const storage = createMemoryVaultStorage()
    await expect(new Vault({ storage }).unlock({ password: 'x' })).rejects.toThrow(VaultNotFoundError)
    const vault = new Vault({ storage, kdf: fastKdf })
    await vault.create({ password: 'pw' })
    await expect(new Vault({ storage, kdf: fastKdf }).create({ password: 'other' })).rejects.toThrow(VaultExistsError)
    vault.lock()
    await expect(vault.update((c) => c)).rejects.toThrow(VaultLockedError)
  })
})

describe('what the vault hands out', () => {
  it('lists accounts without key material, gives signers, and reveals a phrase only with the password', async () => {
    const vault = new Vault({ storage: createMemoryVaultStorage(), kdf: fastKdf })
    await vault.create({ password: 'pw', contents: contentsA })
    const accounts = vault.getAccounts()
    expect(accounts).toEqual(contentsA.accounts)
    expect(JSON.stringify(accounts)).not.toMatch(/test test|59c6995e/)
    expect(getAccountSigner({ contents: vault.getContents(), accountId: 'a1' }).address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    await expect(vault.revealSeed({ seedId: 's1', password: 'wrong' })).rejects.toThrow(WrongPasswordError)
    expect((await vault.revealSeed({ seedId: 's1', password: 'pw' })).mnemonic).toBe(anvilMnemonic)
    await vault.update(withName('After write'))
    expect((await vault.revealSeed({ seedId: 's1', password: 'pw' })).mnemonic).toBe(anvilMnemonic)
    vault.lock()
    expect(() => vault.getAccounts()).toThrow(VaultLockedError)
    expect(() => vault.getContents()).toThrow(VaultLockedError)
    await expect(vault.revealSeed({ seedId: 's1', password: 'pw' })).rejects.toThrow(VaultLockedError)
  })
})

describe('wrong password and tampering', () => {
  it('refuses absurd KDF parameters in a stored record instead of hanging', async () => {
    const storage = createMemoryVaultStorage()
    await new Vault({ storage, kdf: fastKdf }).create({ password: 'pw' })
    const record = JSON.parse((await storage.read()).current!)
    const absurd = [
      { name: 'scrypt', N: 2 ** 30, r: 8, p: 1 }, { name: 'scrypt', N: 1000, r: 8, p: 1 }, { name: 'pbkdf2-sha256', iterations: 1e12 },
      // The keystore limits: 27.7 s and 1.19 GB before; and pbkdf2 past 10 million.
      { name: 'scrypt', N: 2 ** 20, r: 8, p: 8 }, { name: 'scrypt', N: 2 ** 18, r: 64, p: 1 }, { name: 'pbkdf2-sha256', iterations: 10_000_001 },
    ]
    for (const kdf of absurd) {
      await storage.write(JSON.stringify({ ...record, kdf }), { dropPrevious: true })
      await expect(new Vault({ storage }).unlock({ password: 'pw' })).rejects.toThrow(/out of range/)
    }
  })

  it('a wrong password gives WrongPasswordError and leaves the vault intact', async () => {
    const storage = idbStorage()
    await new Vault({ storage, kdf: fastKdf }).create({ password: 'right', contents: contentsA })
    const vault = new Vault({ storage })
    await expect(vault.unlock({ password: 'wrong' })).rejects.toThrow(WrongPasswordError)
    expect(vault.isUnlocked).toBe(false)
    await vault.unlock({ password: 'right' })
    expect(vault.getContents()).toEqual(contentsA)
  })

  it('authenticates the header: weakened KDF params with a recomputed checksum fail as a wrong password', async () => {
    const storage = createMemoryVaultStorage()
    await new Vault({ storage, kdf: fastKdf }).create({ password: 'pw', contents: contentsA })
    const record = JSON.parse((await storage.read()).current!)
    record.kdf.N = 512
    // recompute the unkeyed checksum as an attacker could
    const { sha256 } = await import('@noble/hashes/sha2.js')
    const { bytesToHex } = await import('viem')
    record.checksum = bytesToHex(sha256(new TextEncoder().encode(JSON.stringify([record.version, record.kdf, record.salt, record.iv, record.ciphertext]))))
    await storage.write(JSON.stringify(record), { dropPrevious: true })
    await expect(new Vault({ storage }).unlock({ password: 'pw' })).rejects.toThrow(WrongPasswordError)
  })

  it('a damaged record with no good copy gives VaultCorruptError; an unknown version gives VaultVersionError', async () => {
    const storage = createMemoryVaultStorage()
    await new Vault({ storage, kdf: fastKdf }).create({ password: 'pw', contents: contentsA })
    const text = (await storage.read()).current!
    const flipped = text.replace(/"ciphertext":"0x(.)/, (_m, c) => `"ciphertext":"0x${c === 'a' ? 'b' : 'a'}`)
    await storage.write(flipped, { dropPrevious: true })
    await expect(new Vault({ storage }).unlock({ password: 'pw' })).rejects.toThrow(VaultCorruptError)
    await storage.write(text.replace('"version":1', '"version":2'), { dropPrevious: true })
    await expect(new Vault({ storage }).unlock({ password: 'pw' })).rejects.toThrow(VaultVersionError)
  })
})

describe('atomic writes', () => {
  // The IndexedDB write has these requests: get pointer, put record, put pointer, delete old.
  // Fail at each one in turn (the transaction aborts), as a crash or closed tab would.
  for (const [method, nth] of [['put', 1], ['put', 2], ['delete', 1]] as const) {
    it(`a write interrupted at ${method} #${nth} leaves the old vault readable`, async () => {
      const storage = idbStorage()
      const vault = new Vault({ storage, kdf: fastKdf })
      await vault.create({ password: 'pw', contents: contentsA })
      await vault.update(withName('Second')) // now there is a previous record, so the delete step runs
      let calls = 0
      const original = IDBObjectStore.prototype[method] as (...a: unknown[]) => IDBRequest
      vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
        const request = original.apply(this, args)
        if (++calls === nth) {
          this.transaction.abort()
          throw new DOMException('simulated crash mid-write', 'AbortError')
        }
        return request
      } as never)
      await expect(vault.update(withName('Third'))).rejects.toThrow(VaultWriteError)
      vi.restoreAllMocks()
      expect(vault.getContents().accounts[0].name).toBe('Second')
      const reopened = new Vault({ storage })
      await reopened.unlock({ password: 'pw' })
      expect(reopened.recoveredFromPrevious).toBe(false)
      expect(reopened.getContents().accounts[0].name).toBe('Second')
      // and the vault keeps working afterwards
      await reopened.update(withName('Fourth'))
      const third = new Vault({ storage })
      await third.unlock({ password: 'pw' })
      expect(third.getContents().accounts[0].name).toBe('Fourth')
    })
  }

  it('a truncated current record falls back to the previous good copy', async () => {
    const idb = new IDBFactory()
    const storage = createIndexedDbVaultStorage({ indexedDB: idb, databaseName: 'v' })
    const vault = new Vault({ storage, kdf: fastKdf })
    await vault.create({ password: 'pw', contents: contentsA })
    await vault.update(withName('Second'))
    // Damage the current record in place, as a storage layer without atomic writes could.
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = idb.open('v', 1)
      r.onsuccess = () => res(r.result)
      r.onerror = () => rej(r.error)
    })
    await new Promise<void>((res, rej) => {
      const tx = db.transaction('vault', 'readwrite')
      const store = tx.objectStore('vault')
      const g = store.get('pointer')
      g.onsuccess = () => {
        const key = `record-${g.result.current}`
        const r = store.get(key)
        r.onsuccess = () => store.put((r.result as string).slice(0, 100), key)
      }
      tx.oncomplete = () => res()
      tx.onerror = () => rej(tx.error)
    })
    db.close()
    const reopened = new Vault({ storage })
    await reopened.unlock({ password: 'pw' })
    expect(reopened.recoveredFromPrevious).toBe(true)
    expect(reopened.getContents().accounts[0].name).toBe('Main')
  })

  it('a record that fails its verify-decrypt is never written', async () => {
    const storage = createMemoryVaultStorage()
    const vault = new Vault({ storage, kdf: fastKdf })
    await vault.create({ password: 'pw', contents: contentsA })
    const before = await storage.read()
    const spy = vi.spyOn(globalThis.crypto.subtle, 'decrypt').mockRejectedValueOnce(new Error('boom'))
    await expect(vault.update(withName('Never'))).rejects.toThrow(VaultWriteError)
    expect(spy).toHaveBeenCalled()
    expect(await storage.read()).toEqual(before)
  })

  it('a password change leaves no copy under the old password', async () => {
    const storage = idbStorage()
    const vault = new Vault({ storage, kdf: fastKdf })
    await vault.create({ password: 'old', contents: contentsA })
    await vault.update(withName('Second'))
    await expect(vault.changePassword({ currentPassword: 'nope', newPassword: 'new' })).rejects.toThrow(WrongPasswordError)
    await vault.changePassword({ currentPassword: 'old', newPassword: 'new' })
    expect((await storage.read()).previous).toBeUndefined()
    await expect(new Vault({ storage }).unlock({ password: 'old' })).rejects.toThrow(WrongPasswordError)
    const v = new Vault({ storage })
    await v.unlock({ password: 'new' })
    expect(v.getContents().accounts[0].name).toBe('Second')
  })
})

describe('auto-lock', () => {
  it('locks after the set inactivity, touch() postpones it, and it is settable', async () => {
    const clock = fakeClock()
    const vault = new Vault({ storage: createMemoryVaultStorage(), kdf: fastKdf, clock, autoLockMs: 1000 })
    const locked = vi.fn()
    vault.onLock(locked)
    await vault.create({ password: 'pw', contents: contentsA })
    clock.advance(900)
    vault.touch()
    clock.advance(900)
    expect(vault.isUnlocked).toBe(true)
    clock.advance(100)
    expect(vault.isUnlocked).toBe(false)
    expect(locked).toHaveBeenCalledTimes(1)
    expect(() => vault.getContents()).toThrow(VaultLockedError)

    await vault.unlock({ password: 'pw' })
    vault.setAutoLock({ ms: 5000 })
    clock.advance(4999)
    expect(vault.isUnlocked).toBe(true)
    clock.advance(1)
    expect(vault.isUnlocked).toBe(false)

    await vault.unlock({ password: 'pw' })
    vault.setAutoLock({ ms: undefined })
    expect(clock.pending()).toBe(0)
    vault.lock()
    expect(() => vault.setAutoLock({ ms: 0 })).toThrow(RangeError)
  })
})
