import type { VaultAccount, VaultContents } from './vaultContents.ts'
import { AccountExistsError, AccountNotFoundError } from './errors.ts'

export const newId = () => globalThis.crypto.randomUUID()

export function findAccount({ contents, accountId }: { contents: VaultContents; accountId: string }): VaultAccount {
  const account = contents.accounts.find((a) => a.id === accountId)
  if (!account) throw new AccountNotFoundError({ accountId })
  return account
}

export function assertNewAddress({ contents, address }: { contents: VaultContents; address: string }): void {
  const existing = contents.accounts.find((a) => a.address.toLowerCase() === address.toLowerCase())
  if (existing) throw new AccountExistsError({ address: existing.address, name: existing.name })
}
