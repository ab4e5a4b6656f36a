import { validateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import {
  InvalidMnemonicChecksumError,
  InvalidMnemonicWordCountError,
  UnknownMnemonicWordError,
} from './errors.ts'

/** Word counts BIP-39 defines; other wallets export all of them, so import accepts all. */
export const mnemonicWordCounts = [12, 15, 18, 21, 24] as const

export type VerifyMnemonicParameters = { mnemonic: string }
/** The phrase normalized: NFKD, lower case, single spaces. */
export type VerifyMnemonicReturnType = string
export type VerifyMnemonicErrorType =
  | InvalidMnemonicWordCountError
  | UnknownMnemonicWordError
  | InvalidMnemonicChecksumError

const known = new Set(wordlist)

/** Checks a typed or pasted recovery phrase and says precisely what is wrong with it. */
export function verifyMnemonic({ mnemonic }: VerifyMnemonicParameters): VerifyMnemonicReturnType {
  const words = mnemonic.normalize('NFKD').trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (!(mnemonicWordCounts as readonly number[]).includes(words.length))
    throw new InvalidMnemonicWordCountError({ count: words.length, allowed: mnemonicWordCounts })
  words.forEach((word, i) => {
    if (!known.has(word)) throw new UnknownMnemonicWordError({ word, position: i + 1 })
  })
  const normalized = words.join(' ')
  if (!validateMnemonic(normalized, wordlist)) throw new InvalidMnemonicChecksumError()
  return normalized
}
