import { describe, expect, it } from 'vitest'
import { decryptKeystore } from '../../../src/lib/wallet/decryptKeystore.ts'
import { deriveKeystoreKey } from '../../../src/lib/wallet/deriveKeystoreKey.ts'
import { encryptKeystore } from '../../../src/lib/wallet/encryptKeystore.ts'
import { KeystoreFormatError, KeystoreParametersRejectedError, WrongPasswordError } from '../../../src/lib/wallet/errors.ts'
import type { DeriveKeystoreKey } from '../../../src/lib/wallet/deriveKeystoreKey.ts'

// A real keystore (low n for speed) whose settings each test pushes past one limit. The
// derivation is a spy that counts: "refused before any work" means it was never called.
const privateKey = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const base = await encryptKeystore({ privateKey, password: 'pw', scrypt: { n: 1024, r: 8, p: 1 } })
const pbkdf2Base = {
  ...base,
  crypto: { ...base.crypto, kdf: 'pbkdf2', kdfparams: { c: 262144, dklen: 32, prf: 'hmac-sha256', salt: base.crypto.kdfparams.salt } },
}
const copy = (x: object): any => JSON.parse(JSON.stringify(x))
const withKdf = (params: object, from: object = base) => {
  const ks = copy(from)
  Object.assign(ks.crypto.kdfparams, params)
  return ks
}

function countingDerive(): { derive: DeriveKeystoreKey; calls: () => number } {
  let calls = 0
  return { derive: async (p) => { calls++; return deriveKeystoreKey(p) }, calls: () => calls }
}

async function rejected(keystore: object): Promise<KeystoreParametersRejectedError> {
  const { derive, calls } = countingDerive()
  const error = await decryptKeystore({ keystore, password: 'pw', deriveKey: derive }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(KeystoreParametersRejectedError)
  expect(calls()).toBe(0)
  return error as KeystoreParametersRejectedError
}

describe('keystore limits: refused before any derivation, naming the parameter', () => {
  it.each([
    ['scrypt N=2^20, r=8, p=8 (27.7 s and 1.19 GB before)', { n: 2 ** 20, r: 8, p: 8 }, 'scrypt cost 128·r·n·p', '8 GiB'],
    ['scrypt r=64 (a raw RangeError before)', { n: 2 ** 20, r: 64, p: 1 }, 'scrypt cost 128·r·n·p', '8 GiB'],
    ['scrypt N=2^18, r=8, p=2: just over 256 MiB', { n: 2 ** 18, r: 8, p: 2 }, 'scrypt cost 128·r·n·p', '512 MiB'],
    ['scrypt p over 16', { n: 2, r: 1, p: 17 }, 'crypto.kdfparams.p', 17],
    ['scrypt N not a power of two', { n: 1000 }, 'crypto.kdfparams.n', 1000],
    ['scrypt N=1', { n: 1 }, 'crypto.kdfparams.n', 1],
    ['scrypt r=0', { r: 0 }, 'crypto.kdfparams.r', 0],
    ['scrypt r fractional', { r: 1.5 }, 'crypto.kdfparams.r', 1.5],
    ['dklen 2^30', { dklen: 2 ** 30 }, 'crypto.kdfparams.dklen', 2 ** 30],
    ['dklen 16 (the MAC needs 32)', { dklen: 16 }, 'crypto.kdfparams.dklen', 16],
    ['salt of 4 bytes', { salt: 'deadbeef' }, 'crypto.kdfparams.salt', '4 bytes'],
    ['salt of 1 MiB', { salt: 'ab'.repeat(1024 * 1024) }, 'crypto.kdfparams.salt', '1048576 bytes'],
  ])('%s', async (_, params, parameter, value) => {
    const error = await rejected(withKdf(params))
    expect(error.parameter).toBe(parameter)
    expect(error.value).toBe(value)
    expect(error.shortMessage).toContain(parameter)
  })

  it('the cost limit lets geth standard (n=2^18, r=8, p=1 = 256 MiB) and the spec vector shape (r=1, p=8) through', async () => {
    // These settings don't match the ciphertext and would take seconds: a zero-key derive shows the checks passed.
    const seen: unknown[] = []
    const stub: DeriveKeystoreKey = async (p) => { seen.push(p.kdf); return new Uint8Array(p.kdf.dkLen) }
    for (const params of [{ n: 2 ** 18, r: 8, p: 1 }, { n: 2 ** 18, r: 1, p: 8 }])
      await expect(decryptKeystore({ keystore: withKdf(params), password: 'pw', deriveKey: stub })).rejects.toThrow(WrongPasswordError)
    expect(seen).toHaveLength(2)
  })

  it('pbkdf2: c over 10 million and an unknown prf are refused; 10 million is the last accepted', async () => {
    expect((await rejected(withKdf({ c: 10_000_001 }, pbkdf2Base))).parameter).toBe('crypto.kdfparams.c')
    const prf = await rejected(withKdf({ prf: 'hmac-sha512' }, pbkdf2Base))
    expect(prf).toMatchObject({ parameter: 'crypto.kdfparams.prf', value: '"hmac-sha512"', limit: 'hmac-sha256' })
    const stub: DeriveKeystoreKey = async (p) => new Uint8Array(p.kdf.dkLen)
    await expect(decryptKeystore({ keystore: withKdf({ c: 10_000_000 }, pbkdf2Base), password: 'pw', deriveKey: stub })).rejects.toThrow(WrongPasswordError)
  })

  it('unknown cipher or kdf, and iv / mac / ciphertext of the wrong length', async () => {
    const cases: [(ks: any) => void, string][] = [
      [(ks) => { ks.crypto.cipher = 'aes-256-gcm' }, 'crypto.cipher'],
      [(ks) => { ks.crypto.kdf = 'argon2id' }, 'crypto.kdf'],
      [(ks) => { ks.crypto.cipherparams.iv = 'ab'.repeat(12) }, 'crypto.cipherparams.iv'],
      [(ks) => { ks.crypto.mac = 'ab'.repeat(20) }, 'crypto.mac'],
      [(ks) => { ks.crypto.ciphertext += 'ab' }, 'crypto.ciphertext'],
      [(ks) => { ks.version = 4 }, 'version'],
    ]
    for (const [tamper, parameter] of cases) {
      const ks = copy(base)
      tamper(ks)
      expect((await rejected(ks)).parameter).toBe(parameter)
    }
  })

  it('a setting of the wrong type is a format error, still before any work', async () => {
    const { derive, calls } = countingDerive()
    await expect(decryptKeystore({ keystore: withKdf({ n: '1024' }), password: 'pw', deriveKey: derive })).rejects.toThrow(KeystoreFormatError)
    expect(calls()).toBe(0)
  })

  it('the default (this-thread) derivation refuses N=2^20 p=8 and r=64 too, with the class', async () => {
    await expect(decryptKeystore({ keystore: withKdf({ n: 2 ** 20, r: 8, p: 8 }), password: 'pw' })).rejects.toThrow(KeystoreParametersRejectedError)
    await expect(decryptKeystore({ keystore: withKdf({ n: 2 ** 20, r: 64, p: 1 }), password: 'pw' })).rejects.toThrow(KeystoreParametersRejectedError)
  })

  it('deriveKeystoreKey checks the limits itself (what the worker runs), and reports progress up to 1', async () => {
    const salt = new Uint8Array(32)
    await expect(deriveKeystoreKey({ password: new Uint8Array(1), kdf: { kdf: 'scrypt', n: 2 ** 20, r: 8, p: 8, dkLen: 32, salt } })).rejects.toThrow(KeystoreParametersRejectedError)
    const seen: number[] = []
    const key = await deriveKeystoreKey({ password: new Uint8Array(1), kdf: { kdf: 'scrypt', n: 2 ** 12, r: 8, p: 1, dkLen: 32, salt }, onProgress: (f) => seen.push(f) })
    expect(key.length).toBe(32)
    expect(seen.length).toBeGreaterThan(2)
    expect(seen.at(-1)).toBe(1)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
  })

  it('a keystore within the limits still opens through a counted derivation', async () => {
    const { derive, calls } = countingDerive()
    const out = await decryptKeystore({ keystore: base, password: 'pw', deriveKey: derive })
    expect(out.privateKey).toBe(privateKey)
    expect(calls()).toBe(1)
  })
})
