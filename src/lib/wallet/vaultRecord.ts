import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes } from 'viem'
import { VaultCorruptError, VaultVersionError, WrongPasswordError } from './errors.ts'
import { pbkdf2Sha256, scryptKey } from './keystoreCrypto.ts'
import { keystoreLimits } from './keystoreLimits.ts'
import type { VaultKdf } from './vaultKdf.ts'

export const vaultFormatVersion = 1

/** The record at rest. `checksum` (unkeyed SHA-256 of the other fields) tells storage damage apart from a wrong password. */
export type VaultRecord = {
  version: typeof vaultFormatVersion
  kdf: VaultKdf
  salt: string
  iv: string
  ciphertext: string
  checksum: string
}

type Header = Pick<VaultRecord, 'version' | 'kdf' | 'salt'>
// Fixed key order so the authenticated header bytes are reproducible.
const headerBytes = ({ version, kdf, salt }: Header) =>
  new TextEncoder().encode(
    JSON.stringify({
      version,
      kdf: kdf.name === 'scrypt' ? { name: kdf.name, N: kdf.N, r: kdf.r, p: kdf.p } : { name: kdf.name, iterations: kdf.iterations },
      salt,
    }),
  )
const checksumOf = (r: Omit<VaultRecord, 'checksum'>) =>
  bytesToHex(sha256(new TextEncoder().encode(JSON.stringify([r.version, r.kdf, r.salt, r.iv, r.ciphertext]))))

/** Derives the vault's AES-256-GCM key; the key is non-extractable. */
export async function deriveVaultKey({ password, kdf, salt }: { password: string; kdf: VaultKdf; salt: Uint8Array }): Promise<CryptoKey> {
  const pw = new TextEncoder().encode(password.normalize('NFKC'))
  const raw =
    kdf.name === 'scrypt'
      ? await scryptKey({ password: pw, salt, N: kdf.N, r: kdf.r, p: kdf.p, dkLen: 32 })
      : await pbkdf2Sha256({ password: pw, salt, iterations: kdf.iterations, dkLen: 32 })
  pw.fill(0)
  const key = await globalThis.crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt'])
  raw.fill(0)
  return key
}

export function createVaultSalt(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32))
}

export async function encryptVaultRecord({ key, kdf, salt, plaintext }: { key: CryptoKey; kdf: VaultKdf; salt: Uint8Array; plaintext: Uint8Array }): Promise<VaultRecord> {
  // A fresh 96-bit random IV per write; a few thousand writes per key keeps collision odds negligible.
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12))
  const header: Header = { version: vaultFormatVersion, kdf, salt: bytesToHex(salt) }
  const ct = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: headerBytes(header) },
    key,
    plaintext as Uint8Array<ArrayBuffer>,
  )
  const body = { ...header, iv: bytesToHex(iv), ciphertext: bytesToHex(new Uint8Array(ct)) }
  return { ...body, checksum: checksumOf(body) }
}

/** Parses and integrity-checks stored text; throws VaultCorruptError or VaultVersionError. */
export function parseVaultRecord({ text }: { text: string }): VaultRecord {
  let r: any
  try {
    r = JSON.parse(text)
  } catch (cause) {
    throw new VaultCorruptError({ reason: 'it is not valid JSON (truncated?)', cause })
  }
  if (r === null || typeof r !== 'object') throw new VaultCorruptError({ reason: 'it is not an object' })
  if (r.version !== vaultFormatVersion) throw new VaultVersionError({ version: r.version })
  const hex = (v: unknown) => typeof v === 'string' && /^0x([0-9a-f]{2})+$/.test(v)
  if (!hex(r.salt) || !hex(r.iv) || !hex(r.ciphertext) || !hex(r.checksum)) throw new VaultCorruptError({ reason: 'a field is missing or not hex' })
  const k = r.kdf
  const int = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0
  const kdfOk =
    k && ((k.name === 'scrypt' && int(k.N) && int(k.r) && int(k.p)) || (k.name === 'pbkdf2-sha256' && int(k.iterations)))
  if (!kdfOk) throw new VaultCorruptError({ reason: 'the key derivation parameters are malformed' })
  // Bounds keep a damaged or planted record (a restored setup file) from hanging or exhausting
  // memory in the KDF: the keystore limits, which the defaults sit well inside (128 MiB, 600 000).
  const inBounds =
    k.name === 'scrypt'
      ? k.N <= 2 ** 22 && (k.N & (k.N - 1)) === 0 && k.N >= 2 && k.p <= keystoreLimits.scryptMaxP && 128 * k.r * k.N * k.p <= keystoreLimits.scryptMaxCostBytes
      : k.iterations <= keystoreLimits.pbkdf2MaxIterations
  if (!inBounds) throw new VaultCorruptError({ reason: 'the key derivation parameters are out of range' })
  const record: VaultRecord = { version: r.version, kdf: k, salt: r.salt, iv: r.iv, ciphertext: r.ciphertext, checksum: r.checksum }
  if (checksumOf(record) !== record.checksum) throw new VaultCorruptError({ reason: 'its checksum does not match its contents' })
  return record
}

/** AES-GCM authenticates ciphertext and header: any failure here means a wrong password. */
export async function decryptVaultRecord({ key, record }: { key: CryptoKey; record: VaultRecord }): Promise<Uint8Array> {
  try {
    const pt = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: hexToBytes(record.iv as `0x${string}`) as Uint8Array<ArrayBuffer>, additionalData: headerBytes(record) },
      key,
      hexToBytes(record.ciphertext as `0x${string}`) as Uint8Array<ArrayBuffer>,
    )
    return new Uint8Array(pt)
  } catch {
    throw new WrongPasswordError({ what: 'vault' })
  }
}
