import { scryptAsync } from '@noble/hashes/scrypt.js'
import type { KeystoreKdf } from './keystoreKdf.ts'
import { pbkdf2Sha256 } from './keystoreCrypto.ts'
import { verifyKeystoreKdf } from './verifyKeystoreKdf.ts'

export type DeriveKeystoreKeyParameters = {
  /** The password, NFKC-normalized and UTF-8 encoded. */
  password: Uint8Array
  kdf: KeystoreKdf
  /** 0..1 while scrypt runs; pbkdf2 (WebCrypto, off the main thread by itself) reports only 0 and 1. */
  onProgress?: (fraction: number) => void
}
export type DeriveKeystoreKeyReturnType = Uint8Array

/** Where a keystore's key is derived: in this thread (CLI, tests, no Worker) or a worker (the app). */
export type DeriveKeystoreKey = (parameters: DeriveKeystoreKeyParameters) => Promise<DeriveKeystoreKeyReturnType>

/** Derives a keystore's key in this thread, after checking the settings against keystoreLimits. */
export async function deriveKeystoreKey({ password, kdf, onProgress }: DeriveKeystoreKeyParameters): Promise<DeriveKeystoreKeyReturnType> {
  verifyKeystoreKdf({ kdf })
  onProgress?.(0)
  const key = kdf.kdf === 'scrypt'
    // maxmem is noble's own count, 128·r·(n+p+1): the limit that matters is checked above.
    ? await scryptAsync(password, kdf.salt, { N: kdf.n, r: kdf.r, p: kdf.p, dkLen: kdf.dkLen, maxmem: 128 * kdf.r * (kdf.n + kdf.p + 1), onProgress })
    : await pbkdf2Sha256({ password, salt: kdf.salt, iterations: kdf.c, dkLen: kdf.dkLen })
  onProgress?.(1)
  return key
}
