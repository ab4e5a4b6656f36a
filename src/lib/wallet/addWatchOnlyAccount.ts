import { assertNewAddress, newId } from './accountIds.ts'
import type { VaultAccount, VaultContents } from './vaultContents.ts'
import { verifyAddress } from './verifyAddress.ts'

export type AddWatchOnlyAccountParameters = { contents: VaultContents; address: string; name?: string }
export type AddWatchOnlyAccountReturnType = { contents: VaultContents; account: Extract<VaultAccount, { kind: 'watch' }> }

export function addWatchOnlyAccount({ contents, address, name }: AddWatchOnlyAccountParameters): AddWatchOnlyAccountReturnType {
  const checksummed = verifyAddress({ address })
  assertNewAddress({ contents, address: checksummed })
  const account = { kind: 'watch' as const, id: newId(), name: name ?? `Watched ${contents.accounts.length + 1}`, address: checksummed }
  return { contents: { ...contents, accounts: [...contents.accounts, account] }, account }
}
