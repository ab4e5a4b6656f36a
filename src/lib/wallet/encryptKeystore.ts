import type { Hex } from 'viem'
import { bytesToHex, hexToBytes } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { type DeriveKeystoreKey, deriveKeystoreKey } from './deriveKeystoreKey.ts'
import { aes128Ctr, keystoreMac } from './keystoreCrypto.ts'
import type { KeystoreV3 } from './keystoreTypes.ts'
import { verifyPrivateKey } from './verifyPrivateKey.ts'

export type EncryptKeystoreParameters = {
  privateKey: Hex
  password: string
  /** scrypt work factor; geth's "standard" default n=2^18, r=8, p=1. Lower only in tests. */
  scrypt?: { n?: number; r?: number; p?: number }
  /** Fixed salt (32 bytes) / iv (16 bytes) / id, for reproducing published vectors; random otherwise. */
  salt?: Uint8Array
  iv?: Uint8Array
  id?: string
  /** Where the key is derived (the app passes its worker: scrypt at n=2^18 takes seconds); this thread by default. */
  deriveKey?: DeriveKeystoreKey
}
export type EncryptKeystoreReturnType = KeystoreV3

const strip = (h: Hex) => h.slice(2)

/** Exports a key as a v3 keystore (scrypt + aes-128-ctr) that geth, MetaMask and MEW import. */
export async function encryptKeystore({
  privateKey,
  password,
  scrypt = {},
  salt = globalThis.crypto.getRandomValues(new Uint8Array(32)),
  iv = globalThis.crypto.getRandomValues(new Uint8Array(16)),
  id = globalThis.crypto.randomUUID(),
  deriveKey = deriveKeystoreKey,
}: EncryptKeystoreParameters): Promise<EncryptKeystoreReturnType> {
  const key = verifyPrivateKey({ privateKey })
  const { n = 2 ** 18, r = 8, p = 1 } = scrypt
  const pw = new TextEncoder().encode(password.normalize('NFKC'))
  // Through the same limits as an imported file: what Latchkey writes, it can open again.
  const derivedKey = await deriveKey({ password: pw, kdf: { kdf: 'scrypt', n, r, p, dkLen: 32, salt } })
  const keyBytes = hexToBytes(key)
  const ciphertext = await aes128Ctr({ key: derivedKey.subarray(0, 16), iv, data: keyBytes })
  keyBytes.fill(0)
  const mac = keystoreMac({ derivedKey, ciphertext })
  derivedKey.fill(0)
  return {
    version: 3,
    id,
    address: privateKeyToAddress(key).slice(2).toLowerCase(),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: strip(bytesToHex(iv)) },
      ciphertext: strip(bytesToHex(ciphertext)),
      kdf: 'scrypt',
      kdfparams: { dklen: 32, n, r, p, salt: strip(bytesToHex(salt)) },
      mac: strip(bytesToHex(mac)),
    },
  }
}
