import { generateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'

export type CreateMnemonicParameters = {
  /** 12 words = 128 bits of entropy, 24 words = 256 bits. */
  words?: 12 | 24
}
export type CreateMnemonicReturnType = string

/** A new BIP-39 English recovery phrase from the platform CSPRNG (https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki). */
export function createMnemonic({ words = 12 }: CreateMnemonicParameters = {}): CreateMnemonicReturnType {
  if (words !== 12 && words !== 24) throw new RangeError(`words must be 12 or 24, got ${words}`)
  return generateMnemonic(wordlist, words === 12 ? 128 : 256)
}
