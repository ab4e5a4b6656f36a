import type { Address, Hex } from 'viem'

/** What the vault encrypts. Format changes bump vaultFormatVersion in vaultRecord.ts. */
export type VaultContents = {
  seeds: VaultSeed[]
  keys: VaultKey[]
  accounts: VaultAccount[]
}
export type VaultSeed = { id: string; mnemonic: string; passphrase?: string }
export type VaultKey = { id: string; privateKey: Hex; source: 'privateKey' | 'keystore' }
export type VaultAccount =
  | { kind: 'hd'; id: string; name: string; address: Address; seedId: string; index: number }
  | { kind: 'imported'; id: string; name: string; address: Address; keyId: string }
  | { kind: 'watch'; id: string; name: string; address: Address }

export function emptyVaultContents(): VaultContents {
  return { seeds: [], keys: [], accounts: [] }
}
