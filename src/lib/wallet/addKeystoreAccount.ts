import { addPrivateKeyAccount } from './addPrivateKeyAccount.ts'
import type { AddPrivateKeyAccountReturnType } from './addPrivateKeyAccount.ts'
import { decryptKeystore } from './decryptKeystore.ts'
import type { DeriveKeystoreKey } from './deriveKeystoreKey.ts'
import type { VaultContents } from './vaultContents.ts'

export type AddKeystoreAccountParameters = {
  contents: VaultContents
  /** The keystore file's text (geth / MetaMask / MyEtherWallet v3 JSON). */
  keystore: string | object
  /** The keystore's own password (not the vault's). */
  password: string
  name?: string
  /** Where the key is derived (the app passes its worker); this thread by default. */
  deriveKey?: DeriveKeystoreKey
  /** 0..1 while the key is derived. */
  onProgress?: (fraction: number) => void
}
export type AddKeystoreAccountReturnType = AddPrivateKeyAccountReturnType

/** Decrypts the keystore and keeps its key inside the vault (re-encrypted under the vault password). */
export async function addKeystoreAccount({ contents, keystore, password, name, deriveKey, onProgress }: AddKeystoreAccountParameters): Promise<AddKeystoreAccountReturnType> {
  const { privateKey } = await decryptKeystore({ keystore, password, deriveKey, onProgress })
  return addPrivateKeyAccount({ contents, privateKey, name, source: 'keystore' })
}
