import { hexToBytes } from 'viem'
import { KeystoreFormatError, KeystoreParametersRejectedError } from './errors.ts'
import type { KeystoreKdf } from './keystoreKdf.ts'
import { keystoreLimits as limits } from './keystoreLimits.ts'
import { verifyKeystoreKdf } from './verifyKeystoreKdf.ts'

export type ParseKeystoreParameters = {
  /** The keystore file's text, or its parsed JSON. */
  keystore: string | object
}
export type ParseKeystoreReturnType = {
  kdf: KeystoreKdf
  iv: Uint8Array
  ciphertext: Uint8Array
  mac: Uint8Array
  /** The address the file declares (optional in the spec), with 0x. */
  address: string | undefined
  id: string | undefined
}
export type ParseKeystoreErrorType = KeystoreFormatError | KeystoreParametersRejectedError

type Json = Record<string, unknown>

function reject(parameter: string, value: unknown, limit: string): never {
  throw new KeystoreParametersRejectedError({ parameter, value: typeof value === 'number' ? value : JSON.stringify(value) ?? String(value), limit })
}

function hexField(value: unknown, name: string, bytes?: number): Uint8Array {
  if (typeof value !== 'string') throw new KeystoreFormatError({ reason: `${name} is missing` })
  const hex = value.startsWith('0x') ? value.slice(2) : value
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new KeystoreFormatError({ reason: `${name} is not hex` })
  if (bytes !== undefined && hex.length !== bytes * 2) reject(name, `${hex.length / 2} bytes`, `exactly ${bytes} bytes`)
  return hexToBytes(`0x${hex}`)
}

function numberField(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new KeystoreFormatError({ reason: `${name} must be a number` })
  return value
}

function section(value: unknown, name: string): Json {
  if (value === null || typeof value !== 'object') throw new KeystoreFormatError({ reason: `the "${name}" section is missing` })
  return value as Json
}

/**
 * Reads a v3 keystore (Web3 Secret Storage) and checks every setting against keystoreLimits:
 * a file that would cost more than a keystore should is refused here, before any derivation.
 */
export function parseKeystore({ keystore }: ParseKeystoreParameters): ParseKeystoreReturnType {
  let json: unknown
  if (typeof keystore === 'string') {
    try {
      json = JSON.parse(keystore)
    } catch (cause) {
      throw new KeystoreFormatError({ reason: 'the file is not valid JSON (truncated or not a keystore?)', cause })
    }
  } else json = keystore
  if (json === null || typeof json !== 'object') throw new KeystoreFormatError({ reason: 'expected a JSON object' })
  const file = json as Json
  if (file.version !== 3) reject('version', file.version, 'version 3')
  // Some old MyEtherWallet files spell it "Crypto".
  const c = section(file.crypto ?? file.Crypto, 'crypto')
  if (c.cipher !== 'aes-128-ctr') reject('crypto.cipher', c.cipher, 'aes-128-ctr')
  const iv = hexField(section(c.cipherparams, 'cipherparams').iv, 'crypto.cipherparams.iv', limits.ivBytes)
  const ciphertext = hexField(c.ciphertext, 'crypto.ciphertext', limits.ciphertextBytes)
  const mac = hexField(c.mac, 'crypto.mac', limits.macBytes)
  const kp = section(c.kdfparams, 'kdfparams')
  const salt = hexField(kp.salt, 'crypto.kdfparams.salt')
  const dkLen = numberField(kp.dklen, 'crypto.kdfparams.dklen')
  let kdf: KeystoreKdf
  if (c.kdf === 'scrypt') {
    kdf = { kdf: 'scrypt', n: numberField(kp.n, 'crypto.kdfparams.n'), r: numberField(kp.r, 'crypto.kdfparams.r'), p: numberField(kp.p, 'crypto.kdfparams.p'), dkLen, salt }
  } else if (c.kdf === 'pbkdf2') {
    if (kp.prf !== 'hmac-sha256') reject('crypto.kdfparams.prf', kp.prf, 'hmac-sha256')
    kdf = { kdf: 'pbkdf2', c: numberField(kp.c, 'crypto.kdfparams.c'), dkLen, salt }
  } else reject('crypto.kdf', c.kdf, 'scrypt or pbkdf2')
  verifyKeystoreKdf({ kdf })
  const declared = typeof file.address === 'string' && file.address !== '' ? (file.address.startsWith('0x') ? file.address : `0x${file.address}`) : undefined
  return { kdf, iv, ciphertext, mac, address: declared, id: typeof file.id === 'string' ? file.id : undefined }
}
