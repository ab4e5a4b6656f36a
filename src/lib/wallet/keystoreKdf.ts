/** A keystore's key-derivation settings, decoded from `crypto.kdf` / `crypto.kdfparams`. */
export type KeystoreKdf =
  | { kdf: 'scrypt'; n: number; r: number; p: number; dkLen: number; salt: Uint8Array }
  | { kdf: 'pbkdf2'; c: number; dkLen: number; salt: Uint8Array }
