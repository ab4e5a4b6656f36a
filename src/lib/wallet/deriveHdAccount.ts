import { HDKey } from '@scure/bip32'
import { mnemonicToSeedSync } from '@scure/bip39'
import { type PrivateKeyAccount, bytesToHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { verifyMnemonic } from './verifyMnemonic.ts'

export type DeriveHdAccountParameters = {
  mnemonic: string
  /** Account index i in m/44'/60'/0'/0/i (BIP-44, SLIP-44 coin type 60). */
  index: number
  /** Optional BIP-39 passphrase ("25th word"). */
  passphrase?: string
}
/** A signing account with its derived key (what viem's HDAccount is). */
export type DeriveHdAccountReturnType = Omit<PrivateKeyAccount, 'source'> & { source: 'hd'; getHdKey(): HDKey }

export function hdPath(index: number): `m/44'/60'/${string}` {
  if (!Number.isInteger(index) || index < 0 || index >= 0x8000_0000)
    throw new RangeError(`account index must be an integer in [0, 2^31), got ${index}`)
  return `m/44'/60'/0'/0/${index}`
}

/**
 * The signing account at m/44'/60'/0'/0/index of a recovery phrase (validated first). Derived as
 * viem's mnemonicToAccount does (BIP-39 seed, BIP-32 key, then privateKeyToAccount), but with the
 * app's own @scure/bip39 and @scure/bip32 (the QR signer's xpub and the recovery phrase already
 * use them): viem's accounts entry brings a second, older copy of both with its own @scure/base.
 */
export function deriveHdAccount({ mnemonic, index, passphrase }: DeriveHdAccountParameters): DeriveHdAccountReturnType {
  const normalized = verifyMnemonic({ mnemonic })
  const hdKey = HDKey.fromMasterSeed(mnemonicToSeedSync(normalized, passphrase)).derive(hdPath(index))
  return { ...privateKeyToAccount(bytesToHex(hdKey.privateKey!)), getHdKey: () => hdKey, source: 'hd' }
}
