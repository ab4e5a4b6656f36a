import { findAccount } from './accountIds.ts'
import type { VaultContents } from './vaultContents.ts'

export type RemoveAccountParameters = { contents: VaultContents; accountId: string }

/** Removes an account; an imported key goes with it. Seeds stay (other accounts may be re-derived from them). */
export function removeAccount({ contents, accountId }: RemoveAccountParameters): VaultContents {
  const account = findAccount({ contents, accountId })
  const accounts = contents.accounts.filter((a) => a.id !== accountId)
  const keys = account.kind === 'imported' ? contents.keys.filter((k) => k.id !== account.keyId) : contents.keys
  return { ...contents, accounts, keys }
}
