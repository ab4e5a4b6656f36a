import type { Address, Hex } from 'viem'
import { bytesToHex, hexToBytes } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { KeystoreAddressMismatchError, KeystoreFormatError, UnsupportedKeystoreError, WrongPasswordError } from './errors.ts'
import { aes128Ctr, constantTimeEqual, keystoreMac, pbkdf2Sha256, scryptKey } from './keystoreCrypto.ts'
import { verifyPrivateKey } from './verifyPrivateKey.ts'

export type DecryptKeystoreParameters = {
  /** The keystore file's text, or its parsed JSON. */
  keystore: string | object
  password: string
}
export type DecryptKeystoreReturnType = { privateKey: Hex; address: Address; id: string | undefined }
export type DecryptKeystoreErrorType =
  | KeystoreFormatError
  | UnsupportedKeystoreError
  | WrongPasswordError
  | KeystoreAddressMismatchError

// Beyond these a file is a denial of service, not a keystore (geth's "standard" is n=2^18, c=2^18).
const maxScryptN = 2 ** 20
const maxPbkdf2Iterations = 10_000_000

function hexField(value: unknown, name: string, bytes?: number): Uint8Array {
  if (typeof value !== 'string') throw new KeystoreFormatError({ reason: `${name} is missing` })
  const hex = value.startsWith('0x') ? value.slice(2) : value
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new KeystoreFormatError({ reason: `${name} is not hex` })
  if (bytes !== undefined && hex.length !== bytes * 2) throw new KeystoreFormatError({ reason: `${name} must be ${bytes} bytes` })
  return hexToBytes(`0x${hex}`)
}

function intField(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new KeystoreFormatError({ reason: `${name} must be a positive integer` })
  return value
}

/** Opens a v3 keystore as written by geth, MetaMask, MyEtherWallet (scrypt or pbkdf2, aes-128-ctr). */
export async function decryptKeystore({ keystore, password }: DecryptKeystoreParameters): Promise<DecryptKeystoreReturnType> {
  let json: Record<string, any>
  if (typeof keystore === 'string') {
    try {
      json = JSON.parse(keystore)
    } catch (cause) {
      throw new KeystoreFormatError({ reason: 'the file is not valid JSON (truncated or not a keystore?)', cause })
    }
  } else json = keystore as Record<string, any>
  if (json === null || typeof json !== 'object') throw new KeystoreFormatError({ reason: 'expected a JSON object' })
  if (json.version !== 3) throw new UnsupportedKeystoreError({ reason: `version ${JSON.stringify(json.version)} (only version 3 is supported)` })
  // Some old MyEtherWallet files spell it "Crypto".
  const c = json.crypto ?? json.Crypto
  if (c === null || typeof c !== 'object') throw new KeystoreFormatError({ reason: 'the "crypto" section is missing' })
  if (c.cipher !== 'aes-128-ctr') throw new UnsupportedKeystoreError({ reason: `cipher ${JSON.stringify(c.cipher)} (only aes-128-ctr)` })
  const iv = hexField(c.cipherparams?.iv, 'cipherparams.iv', 16)
  const ciphertext = hexField(c.ciphertext, 'ciphertext')
  if (ciphertext.length !== 32) throw new KeystoreFormatError({ reason: `ciphertext must be 32 bytes, found ${ciphertext.length}` })
  const mac = hexField(c.mac, 'mac', 32)
  const kp = c.kdfparams
  if (kp === null || typeof kp !== 'object') throw new KeystoreFormatError({ reason: 'kdfparams is missing' })
  const salt = hexField(kp.salt, 'kdfparams.salt')
  const dkLen = intField(kp.dklen, 'kdfparams.dklen')
  if (dkLen < 32) throw new KeystoreFormatError({ reason: 'kdfparams.dklen must be at least 32' })
  const pw = new TextEncoder().encode(password.normalize('NFKC'))

  let derivedKey: Uint8Array
  if (c.kdf === 'scrypt') {
    const N = intField(kp.n, 'kdfparams.n')
    const r = intField(kp.r, 'kdfparams.r')
    const p = intField(kp.p, 'kdfparams.p')
    if (N > maxScryptN || (N & (N - 1)) !== 0) throw new UnsupportedKeystoreError({ reason: `scrypt n=${N} (a power of two up to 2^20)` })
    if (r * p > 64) throw new UnsupportedKeystoreError({ reason: `scrypt r=${r}, p=${p}` })
    derivedKey = await scryptKey({ password: pw, salt, N, r, p, dkLen })
  } else if (c.kdf === 'pbkdf2') {
    if (kp.prf !== 'hmac-sha256') throw new UnsupportedKeystoreError({ reason: `pbkdf2 prf ${JSON.stringify(kp.prf)} (only hmac-sha256)` })
    const iterations = intField(kp.c, 'kdfparams.c')
    if (iterations > maxPbkdf2Iterations) throw new UnsupportedKeystoreError({ reason: `pbkdf2 c=${iterations}` })
    derivedKey = await pbkdf2Sha256({ password: pw, salt, iterations, dkLen })
  } else throw new UnsupportedKeystoreError({ reason: `kdf ${JSON.stringify(c.kdf)} (scrypt or pbkdf2)` })

  if (!constantTimeEqual(keystoreMac({ derivedKey, ciphertext }), mac)) throw new WrongPasswordError({ what: 'keystore' })
  const keyBytes = await aes128Ctr({ key: derivedKey.subarray(0, 16), iv, data: ciphertext })
  derivedKey.fill(0)
  const privateKey = verifyPrivateKey({ privateKey: bytesToHex(keyBytes) })
  keyBytes.fill(0)
  const address = privateKeyToAddress(privateKey)
  if (typeof json.address === 'string' && json.address !== '') {
    const declared = json.address.startsWith('0x') ? json.address : `0x${json.address}`
    if (declared.toLowerCase() !== address.toLowerCase())
      throw new KeystoreAddressMismatchError({ declared, derived: address })
  }
  return { privateKey, address, id: typeof json.id === 'string' ? json.id : undefined }
}
