import { keccak_256 } from '@noble/hashes/sha3.js'
import { scryptAsync } from '@noble/hashes/scrypt.js'

// Shared by decryptKeystore and encryptKeystore. AES-CTR comes from WebCrypto (Node 20 and
// browsers) so the app does not pull in a second AES implementation.

export async function aes128Ctr({ key, iv, data }: { key: Uint8Array; iv: Uint8Array; data: Uint8Array }): Promise<Uint8Array> {
  const k = await globalThis.crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'AES-CTR' }, false, ['encrypt'])
  const out = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-CTR', counter: iv as Uint8Array<ArrayBuffer>, length: 128 },
    k,
    data as Uint8Array<ArrayBuffer>,
  )
  return new Uint8Array(out)
}

export async function pbkdf2Sha256({ password, salt, iterations, dkLen }: { password: Uint8Array; salt: Uint8Array; iterations: number; dkLen: number }): Promise<Uint8Array> {
  const base = await globalThis.crypto.subtle.importKey('raw', password as Uint8Array<ArrayBuffer>, 'PBKDF2', false, ['deriveBits'])
  const bits = await globalThis.crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    base,
    dkLen * 8,
  )
  return new Uint8Array(bits)
}

export function scryptKey({ password, salt, N, r, p, dkLen }: { password: Uint8Array; salt: Uint8Array; N: number; r: number; p: number; dkLen: number }): Promise<Uint8Array> {
  // The vault's KDF (vaultRecord.ts); a keystore file's settings go through deriveKeystoreKey's limits instead.
  // maxmem is noble's count, 128·r·(N+p+1).
  return scryptAsync(password, salt, { N, r, p, dkLen, maxmem: 128 * r * (N + p + 1) })
}

/** MAC = keccak256(DK[16..32] ++ ciphertext), per the spec. */
export function keystoreMac({ derivedKey, ciphertext }: { derivedKey: Uint8Array; ciphertext: Uint8Array }): Uint8Array {
  const body = new Uint8Array(16 + ciphertext.length)
  body.set(derivedKey.subarray(16, 32))
  body.set(ciphertext, 16)
  return keccak_256(body)
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}
