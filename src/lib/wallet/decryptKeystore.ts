import type { Address, Hex } from 'viem'
import { bytesToHex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { KeystoreAddressMismatchError, type KeystoreFormatError, type KeystoreParametersRejectedError, WrongPasswordError } from './errors.ts'
import { type DeriveKeystoreKey, deriveKeystoreKey } from './deriveKeystoreKey.ts'
import { aes128Ctr, constantTimeEqual, keystoreMac } from './keystoreCrypto.ts'
import { parseKeystore } from './parseKeystore.ts'
import { verifyPrivateKey } from './verifyPrivateKey.ts'

export type DecryptKeystoreParameters = {
  /** The keystore file's text, or its parsed JSON. */
  keystore: string | object
  password: string
  /** Where the key is derived; this thread unless the app passes its worker. */
  deriveKey?: DeriveKeystoreKey
  /** 0..1 while the key is derived (the slow part). */
  onProgress?: (fraction: number) => void
}
export type DecryptKeystoreReturnType = { privateKey: Hex; address: Address; id: string | undefined }
export type DecryptKeystoreErrorType =
  | KeystoreFormatError
  | KeystoreParametersRejectedError
  | WrongPasswordError
  | KeystoreAddressMismatchError

/** Opens a v3 keystore as written by geth, MetaMask, MyEtherWallet (scrypt or pbkdf2, aes-128-ctr). */
export async function decryptKeystore({ keystore, password, deriveKey = deriveKeystoreKey, onProgress }: DecryptKeystoreParameters): Promise<DecryptKeystoreReturnType> {
  // Every setting is checked against keystoreLimits here, before the (possibly slow) derivation.
  const { kdf, iv, ciphertext, mac, address: declared, id } = parseKeystore({ keystore })
  const derivedKey = await deriveKey({ password: new TextEncoder().encode(password.normalize('NFKC')), kdf, onProgress })
  if (!constantTimeEqual(keystoreMac({ derivedKey, ciphertext }), mac)) throw new WrongPasswordError({ what: 'keystore' })
  const keyBytes = await aes128Ctr({ key: derivedKey.subarray(0, 16), iv, data: ciphertext })
  derivedKey.fill(0)
  const privateKey = verifyPrivateKey({ privateKey: bytesToHex(keyBytes) })
  keyBytes.fill(0)
  const address = privateKeyToAddress(privateKey)
  if (declared !== undefined && declared.toLowerCase() !== address.toLowerCase())
    throw new KeystoreAddressMismatchError({ declared, derived: address })
  return { privateKey, address, id }
}
