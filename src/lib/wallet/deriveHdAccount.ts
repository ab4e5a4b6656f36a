import type { HDAccount } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { verifyMnemonic } from './verifyMnemonic.ts'

export type DeriveHdAccountParameters = {
  mnemonic: string
  /** Account index i in m/44'/60'/0'/0/i (BIP-44, SLIP-44 coin type 60). */
  index: number
  /** Optional BIP-39 passphrase ("25th word"). */
  passphrase?: string
}
export type DeriveHdAccountReturnType = HDAccount

export function hdPath(index: number): `m/44'/60'/${string}` {
  if (!Number.isInteger(index) || index < 0 || index >= 0x8000_0000)
    throw new RangeError(`account index must be an integer in [0, 2^31), got ${index}`)
  return `m/44'/60'/0'/0/${index}`
}

/** The signing account at m/44'/60'/0'/0/index of a recovery phrase (validated first). */
export function deriveHdAccount({ mnemonic, index, passphrase }: DeriveHdAccountParameters): DeriveHdAccountReturnType {
  const normalized = verifyMnemonic({ mnemonic })
  return mnemonicToAccount(normalized, { path: hdPath(index), passphrase })
}
