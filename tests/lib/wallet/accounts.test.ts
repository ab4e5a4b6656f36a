import { describe, expect, it } from 'vitest'
import { addHdAccount } from '../../../src/lib/wallet/addHdAccount.ts'
import { addKeystoreAccount } from '../../../src/lib/wallet/addKeystoreAccount.ts'
import { addPrivateKeyAccount } from '../../../src/lib/wallet/addPrivateKeyAccount.ts'
import { addSeed } from '../../../src/lib/wallet/addSeed.ts'
import { addWatchOnlyAccount } from '../../../src/lib/wallet/addWatchOnlyAccount.ts'
import { decryptKeystore } from '../../../src/lib/wallet/decryptKeystore.ts'
import {
  AccountExistsError,
  AccountNotFoundError,
  InvalidAddressChecksumError,
  InvalidMnemonicChecksumError,
  InvalidPrivateKeyError,
  WatchOnlyAccountError,
  WrongPasswordError,
} from '../../../src/lib/wallet/errors.ts'
import { encryptKeystore } from '../../../src/lib/wallet/encryptKeystore.ts'
import { exportAccountKeystore } from '../../../src/lib/wallet/exportAccountKeystore.ts'
import { getAccountSigner } from '../../../src/lib/wallet/getAccountSigner.ts'
import { removeAccount } from '../../../src/lib/wallet/removeAccount.ts'
import { renameAccount } from '../../../src/lib/wallet/renameAccount.ts'
import { Vault } from '../../../src/lib/wallet/Vault.ts'
import { emptyVaultContents } from '../../../src/lib/wallet/vaultContents.ts'
import { createMemoryVaultStorage } from '../../../src/lib/wallet/vaultStorage.ts'

const anvilMnemonic = 'test test test test test test test test test test test junk'
const key3 = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6' // anvil account 3
const addr3 = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'

describe('accounts in the vault contents', () => {
  it('adds several named HD accounts at increasing indexes, imported keys and watch-only addresses', async () => {
    let c = emptyVaultContents()
    const s = addSeed({ contents: c, mnemonic: anvilMnemonic })
    c = s.contents
    expect(addSeed({ contents: c, mnemonic: ` ${anvilMnemonic.toUpperCase()} ` }).seedId).toBe(s.seedId)
    const a0 = addHdAccount({ contents: c, seedId: s.seedId, name: 'Main' })
    c = a0.contents
    const a1 = addHdAccount({ contents: c, seedId: s.seedId })
    c = a1.contents
    expect([a0.account.index, a1.account.index]).toEqual([0, 1])
    expect(a0.account.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    expect(a1.account.address).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
    expect(a1.account.name).toBe('Account 2')
    const imp = addPrivateKeyAccount({ contents: c, privateKey: key3.slice(2), name: 'Hot' })
    c = imp.contents
    expect(imp.account.address).toBe(addr3)
    const w = addWatchOnlyAccount({ contents: c, address: '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65', name: 'Cold' })
    c = w.contents
    expect(w.account.address).toBe('0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65')

    // duplicates and bad input
    expect(() => addHdAccount({ contents: c, seedId: s.seedId, index: 1 })).toThrow(AccountExistsError)
    expect(() => addPrivateKeyAccount({ contents: c, privateKey: key3 })).toThrow(AccountExistsError)
    expect(() => addWatchOnlyAccount({ contents: c, address: addr3 })).toThrow(AccountExistsError)
    expect(() => addWatchOnlyAccount({ contents: c, address: '0x15D34aaf54267db7d7c367839aaf71a00a2c6a65' })).toThrow(InvalidAddressChecksumError)
    expect(() => addPrivateKeyAccount({ contents: c, privateKey: '0x1234' })).toThrow(InvalidPrivateKeyError)
    expect(() => addSeed({ contents: c, mnemonic: anvilMnemonic.replace('junk', 'test') })).toThrow(InvalidMnemonicChecksumError)

    // signers
    expect(getAccountSigner({ contents: c, accountId: a1.account.id }).address).toBe(a1.account.address)
    expect(getAccountSigner({ contents: c, accountId: imp.account.id }).address).toBe(addr3)
    expect(() => getAccountSigner({ contents: c, accountId: w.account.id })).toThrow(WatchOnlyAccountError)
    expect(() => getAccountSigner({ contents: c, accountId: 'nope' })).toThrow(AccountNotFoundError)

    // rename and remove
    c = renameAccount({ contents: c, accountId: a1.account.id, name: '  Savings ' })
    expect(c.accounts.find((a) => a.id === a1.account.id)!.name).toBe('Savings')
    expect(() => renameAccount({ contents: c, accountId: a1.account.id, name: ' ' })).toThrow(RangeError)
    c = removeAccount({ contents: c, accountId: imp.account.id })
    expect(c.keys).toHaveLength(0)
    expect(c.accounts.map((a) => a.name)).toEqual(['Main', 'Savings', 'Cold'])
    // the freed index 0 gap logic: removing index 0 makes it the next one offered
    c = removeAccount({ contents: c, accountId: a0.account.id })
    expect(addHdAccount({ contents: c, seedId: s.seedId }).account.index).toBe(0)
  })

  it('imports a keystore (its own password) and exports an account as a keystore', async () => {
    const ks = await encryptKeystore({ privateKey: key3, password: 'file-pw', scrypt: { n: 1024 } })
    let c = emptyVaultContents()
    await expect(addKeystoreAccount({ contents: c, keystore: JSON.stringify(ks), password: 'nope' })).rejects.toThrow(WrongPasswordError)
    const r = await addKeystoreAccount({ contents: c, keystore: JSON.stringify(ks), password: 'file-pw', name: 'From geth' })
    c = r.contents
    expect(r.account.address).toBe(addr3)
    expect(c.keys[0].source).toBe('keystore')

    const s = addSeed({ contents: c, mnemonic: anvilMnemonic })
    const hd = addHdAccount({ contents: s.contents, seedId: s.seedId, index: 2 })
    c = hd.contents
    const exported = await exportAccountKeystore({ contents: c, accountId: hd.account.id, password: 'out', scrypt: { n: 1024 } })
    const back = await decryptKeystore({ keystore: exported, password: 'out' })
    expect(back.address).toBe('0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC')
    expect(back.privateKey).toBe('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a')
  })

  it('persists through the vault', async () => {
    const storage = createMemoryVaultStorage()
    const vault = new Vault({ storage, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 } })
    await vault.create({ password: 'pw' })
    let id = ''
    await vault.update((c) => {
      const s = addSeed({ contents: c, mnemonic: anvilMnemonic })
      const r = addHdAccount({ contents: s.contents, seedId: s.seedId, name: 'Main' })
      id = r.account.id
      return addWatchOnlyAccount({ contents: r.contents, address: addr3 }).contents
    })
    vault.lock()
    await vault.unlock({ password: 'pw' })
    const c = vault.getContents()
    expect(c.accounts.map((a) => a.kind)).toEqual(['hd', 'watch'])
    expect(getAccountSigner({ contents: c, accountId: id }).address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
  })
})
