import { privateKeyToAddress } from 'viem/accounts'
import { assertNewAddress, newId } from './accountIds.ts'
import type { VaultAccount, VaultContents, VaultKey } from './vaultContents.ts'
import { verifyPrivateKey } from './verifyPrivateKey.ts'

export type AddPrivateKeyAccountParameters = {
  contents: VaultContents
  privateKey: string
  name?: string
  source?: VaultKey['source']
}
export type AddPrivateKeyAccountReturnType = { contents: VaultContents; account: Extract<VaultAccount, { kind: 'imported' }> }

export function addPrivateKeyAccount({ contents, privateKey, name, source = 'privateKey' }: AddPrivateKeyAccountParameters): AddPrivateKeyAccountReturnType {
  const key = verifyPrivateKey({ privateKey })
  const address = privateKeyToAddress(key)
  assertNewAddress({ contents, address })
  const stored: VaultKey = { id: newId(), privateKey: key, source }
  const account = { kind: 'imported' as const, id: newId(), name: name ?? `Imported ${contents.accounts.length + 1}`, address, keyId: stored.id }
  return { contents: { ...contents, keys: [...contents.keys, stored], accounts: [...contents.accounts, account] }, account }
}
