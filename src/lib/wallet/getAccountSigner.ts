import type { LocalAccount } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { findAccount } from './accountIds.ts'
import { deriveHdAccount } from './deriveHdAccount.ts'
import { WatchOnlyAccountError } from './errors.ts'
import type { VaultContents } from './vaultContents.ts'

export type GetAccountSignerParameters = { contents: VaultContents; accountId: string }
export type GetAccountSignerReturnType = LocalAccount

/** A viem LocalAccount that can sign for the account. Get it from an unlocked vault's contents and drop it after use. */
export function getAccountSigner({ contents, accountId }: GetAccountSignerParameters): GetAccountSignerReturnType {
  const account = findAccount({ contents, accountId })
  if (account.kind === 'watch') throw new WatchOnlyAccountError({ address: account.address })
  if (account.kind === 'hd') {
    const seed = contents.seeds.find((s) => s.id === account.seedId)
    if (!seed) throw new RangeError(`seed ${account.seedId} of account ${account.id} is missing`)
    return deriveHdAccount({ mnemonic: seed.mnemonic, index: account.index, passphrase: seed.passphrase })
  }
  const key = contents.keys.find((k) => k.id === account.keyId)
  if (!key) throw new RangeError(`key ${account.keyId} of account ${account.id} is missing`)
  return privateKeyToAccount(key.privateKey)
}
