import { bytesToHex, hexToBytes } from 'viem'
import { describe, expect, it } from 'vitest'
import { decryptKeystore } from '../../../src/lib/wallet/decryptKeystore.ts'
import { encryptKeystore } from '../../../src/lib/wallet/encryptKeystore.ts'
import {
  KeystoreAddressMismatchError,
  KeystoreFormatError,
  KeystoreParametersRejectedError,
  WrongPasswordError,
} from '../../../src/lib/wallet/errors.ts'

// The test vectors published in the Web3 Secret Storage Definition (ethereum wiki /
// ethereum.org "Web3 secret storage definition", section "Test vectors").
const secret = '0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d'
const address = '0x008AeEda4D805471dF9b2A5B0f38A0C3bCBA786b'
const pbkdf2Vector = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: { c: 262144, dklen: 32, prf: 'hmac-sha256', salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd' },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}
const scryptVector = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '83dbcc02d8ccb40e466191a123791e0e' },
    ciphertext: 'd172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c',
    kdf: 'scrypt',
    kdfparams: { dklen: 32, n: 262144, p: 8, r: 1, salt: 'ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19' },
    mac: '2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}
const copy = <T>(x: T): any => JSON.parse(JSON.stringify(x))

describe('decryptKeystore: published vectors', () => {
  it('pbkdf2 vector decrypts to the published secret and address', async () => {
    const out = await decryptKeystore({ keystore: JSON.stringify(pbkdf2Vector), password: 'testpassword' })
    expect(out).toEqual({ privateKey: secret, address, id: pbkdf2Vector.id })
  })
  it('scrypt vector decrypts to the published secret', async () => {
    const out = await decryptKeystore({ keystore: scryptVector, password: 'testpassword' })
    expect(out.privateKey).toBe(secret)
    expect(out.address).toBe(address)
  })
})

describe('decryptKeystore: bad input', () => {
  it('wrong password fails the MAC check', async () => {
    await expect(decryptKeystore({ keystore: pbkdf2Vector, password: 'testpassworD' })).rejects.toThrow(WrongPasswordError)
  })
  it('a tampered ciphertext or mac fails the MAC check', async () => {
    const a = copy(pbkdf2Vector)
    a.crypto.ciphertext = a.crypto.ciphertext.replace(/^53/, '54')
    await expect(decryptKeystore({ keystore: a, password: 'testpassword' })).rejects.toThrow(WrongPasswordError)
    const b = copy(pbkdf2Vector)
    b.crypto.mac = b.crypto.mac.replace(/^51/, '50')
    await expect(decryptKeystore({ keystore: b, password: 'testpassword' })).rejects.toThrow(WrongPasswordError)
  })
  it('a truncated file or missing fields give KeystoreFormatError', async () => {
    const text = JSON.stringify(pbkdf2Vector)
    await expect(decryptKeystore({ keystore: text.slice(0, text.length - 20), password: 'x' })).rejects.toThrow(/not valid JSON/)
    const a = copy(pbkdf2Vector); delete a.crypto.cipherparams
    await expect(decryptKeystore({ keystore: a, password: 'x' })).rejects.toThrow(KeystoreFormatError)
    const b = copy(pbkdf2Vector); b.crypto.ciphertext = 'zz'
    await expect(decryptKeystore({ keystore: b, password: 'x' })).rejects.toThrow(/ciphertext is not hex/)
    const c = copy(pbkdf2Vector); c.crypto.kdfparams.c = '262144'
    await expect(decryptKeystore({ keystore: c, password: 'x' })).rejects.toThrow(KeystoreFormatError)
    await expect(decryptKeystore({ keystore: 'null', password: 'x' })).rejects.toThrow(KeystoreFormatError)
  })
  it('unsupported version, cipher, kdf, prf and absurd work factors give KeystoreParametersRejectedError', async () => {
    const v = copy(pbkdf2Vector); v.version = 1
    const ci = copy(pbkdf2Vector); ci.crypto.cipher = 'aes-128-cbc'
    const k = copy(pbkdf2Vector); k.crypto.kdf = 'argon2'
    const prf = copy(pbkdf2Vector); prf.crypto.kdfparams.prf = 'hmac-sha1'
    const n = copy(scryptVector); n.crypto.kdfparams.n = 2 ** 30
    for (const ks of [v, ci, k, prf, n])
      await expect(decryptKeystore({ keystore: ks, password: 'testpassword' })).rejects.toThrow(KeystoreParametersRejectedError)
  })
  it('a declared address that does not match the key is refused', async () => {
    const a = copy(pbkdf2Vector); a.address = 'f39fd6e51aad88f6f4ce6ab8827279cfffb92266'
    await expect(decryptKeystore({ keystore: a, password: 'testpassword' })).rejects.toThrow(KeystoreAddressMismatchError)
    const b = copy(pbkdf2Vector); b.address = '008aeeda4d805471df9b2a5b0f38a0c3bcba786b'
    expect((await decryptKeystore({ keystore: b, password: 'testpassword' })).address).toBe(address)
  })
})

describe('encryptKeystore', () => {
  it('reproduces the published scrypt vector byte for byte given its salt, iv and params', async () => {
    const out = await encryptKeystore({
      privateKey: secret,
      password: 'testpassword',
      scrypt: { n: 262144, r: 1, p: 8 },
      salt: hexToBytes(`0x${scryptVector.crypto.kdfparams.salt}`),
      iv: hexToBytes(`0x${scryptVector.crypto.cipherparams.iv}`),
      id: scryptVector.id,
    })
    expect(out.crypto).toEqual(scryptVector.crypto)
    expect(out.address).toBe(address.slice(2).toLowerCase())
  })
  it('defaults to geth-standard scrypt and round-trips with random salt/iv (low n for speed)', async () => {
    const key = bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(32)))
    const ks = await encryptKeystore({ privateKey: key, password: 'hunter2', scrypt: { n: 1024 } })
    expect(ks.crypto.kdfparams).toMatchObject({ n: 1024, r: 8, p: 1, dklen: 32 })
    expect(ks.id).toMatch(/^[0-9a-f-]{36}$/)
    const back = await decryptKeystore({ keystore: JSON.stringify(ks), password: 'hunter2' })
    expect(back.privateKey).toBe(key)
    await expect(decryptKeystore({ keystore: ks, password: 'hunter3' })).rejects.toThrow(WrongPasswordError)
    const other = await encryptKeystore({ privateKey: key, password: 'hunter2', scrypt: { n: 1024 } })
    expect(other.crypto.ciphertext).not.toBe(ks.crypto.ciphertext)
  })
})
