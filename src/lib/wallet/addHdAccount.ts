import { assertNewAddress, newId } from './accountIds.ts'
import { deriveHdAccount } from './deriveHdAccount.ts'
import type { VaultAccount, VaultContents } from './vaultContents.ts'

export type AddHdAccountParameters = {
  contents: VaultContents
  seedId: string
  /** Default: the lowest index of this seed not yet used. */
  index?: number
  name?: string
}
export type AddHdAccountReturnType = { contents: VaultContents; account: Extract<VaultAccount, { kind: 'hd' }> }

export function addHdAccount({ contents, seedId, index, name }: AddHdAccountParameters): AddHdAccountReturnType {
  const seed = contents.seeds.find((s) => s.id === seedId)
  if (!seed) throw new RangeError(`no seed with id ${seedId}`)
  const used = new Set(contents.accounts.flatMap((a) => (a.kind === 'hd' && a.seedId === seedId ? [a.index] : [])))
  let i = index ?? 0
  if (index === undefined) while (used.has(i)) i++
  const { address } = deriveHdAccount({ mnemonic: seed.mnemonic, index: i, passphrase: seed.passphrase })
  assertNewAddress({ contents, address })
  const account = { kind: 'hd' as const, id: newId(), name: name ?? `Account ${contents.accounts.length + 1}`, address, seedId, index: i }
  return { contents: { ...contents, accounts: [...contents.accounts, account] }, account }
}
