import { findAccount } from './accountIds.ts'
import type { VaultContents } from './vaultContents.ts'

export type RenameAccountParameters = { contents: VaultContents; accountId: string; name: string }

export function renameAccount({ contents, accountId, name }: RenameAccountParameters): VaultContents {
  findAccount({ contents, accountId })
  const trimmed = name.trim()
  if (trimmed === '') throw new RangeError('an account name must not be empty')
  return { ...contents, accounts: contents.accounts.map((a) => (a.id === accountId ? { ...a, name: trimmed } : a)) }
}
