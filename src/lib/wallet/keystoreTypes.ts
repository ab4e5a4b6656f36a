/** Web3 Secret Storage v3 (https://ethereum.org/en/developers/docs/data-structures-and-encoding/web3-secret-storage/). */
export type KeystoreScryptParams = { dklen: number; n: number; r: number; p: number; salt: string }
export type KeystorePbkdf2Params = { dklen: number; c: number; prf: 'hmac-sha256'; salt: string }

export type KeystoreV3 = {
  version: 3
  id: string
  /** Lower-case hex without 0x, as geth writes it. Optional in the spec. */
  address?: string
  crypto: {
    cipher: 'aes-128-ctr'
    cipherparams: { iv: string }
    ciphertext: string
    mac: string
  } & ({ kdf: 'scrypt'; kdfparams: KeystoreScryptParams } | { kdf: 'pbkdf2'; kdfparams: KeystorePbkdf2Params })
}
