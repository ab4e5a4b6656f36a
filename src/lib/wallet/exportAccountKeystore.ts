import { bytesToHex } from 'viem'
import { encryptKeystore } from './encryptKeystore.ts'
import type { EncryptKeystoreParameters, EncryptKeystoreReturnType } from './encryptKeystore.ts'
import { findAccount } from './accountIds.ts'
import { deriveHdAccount } from './deriveHdAccount.ts'
import { WatchOnlyAccountError } from './errors.ts'
import type { VaultContents } from './vaultContents.ts'

export type ExportAccountKeystoreParameters = {
  contents: VaultContents
  accountId: string
  /** Password for the exported file. */
  password: string
  scrypt?: EncryptKeystoreParameters['scrypt']
  deriveKey?: EncryptKeystoreParameters['deriveKey']
}

/** Exports one account's key as a v3 keystore file (HD accounts export their derived key). */
export async function exportAccountKeystore({ contents, accountId, password, scrypt, deriveKey }: ExportAccountKeystoreParameters): Promise<EncryptKeystoreReturnType> {
  const account = findAccount({ contents, accountId })
  if (account.kind === 'watch') throw new WatchOnlyAccountError({ address: account.address })
  let privateKey
  if (account.kind === 'hd') {
    const seed = contents.seeds.find((s) => s.id === account.seedId)!
    const hd = deriveHdAccount({ mnemonic: seed.mnemonic, index: account.index, passphrase: seed.passphrase })
    privateKey = bytesToHex(hd.getHdKey().privateKey!)
  } else privateKey = contents.keys.find((k) => k.id === account.keyId)!.privateKey
  return encryptKeystore({ privateKey, password, scrypt, deriveKey })
}
