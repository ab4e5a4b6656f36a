import { addPrivateKeyAccount } from './addPrivateKeyAccount.ts'
import type { AddPrivateKeyAccountReturnType } from './addPrivateKeyAccount.ts'
import { decryptKeystore } from './decryptKeystore.ts'
import type { VaultContents } from './vaultContents.ts'

export type AddKeystoreAccountParameters = {
  contents: VaultContents
  /** The keystore file's text (geth / MetaMask / MyEtherWallet v3 JSON). */
  keystore: string | object
  /** The keystore's own password (not the vault's). */
  password: string
  name?: string
}
export type AddKeystoreAccountReturnType = AddPrivateKeyAccountReturnType

/** Decrypts the keystore and keeps its key inside the vault (re-encrypted under the vault password). */
export async function addKeystoreAccount({ contents, keystore, password, name }: AddKeystoreAccountParameters): Promise<AddKeystoreAccountReturnType> {
  const { privateKey } = await decryptKeystore({ keystore, password })
  return addPrivateKeyAccount({ contents, privateKey, name, source: 'keystore' })
}
