import { BaseError, messageOf } from '../errors.ts'

// Key material never goes into an error: only positions, addresses, counts and names.

export class InvalidMnemonicWordCountError extends BaseError {
  override name = 'InvalidMnemonicWordCountError' as const
  count: number
  constructor({ count, allowed }: { count: number; allowed: readonly number[] }) {
    super(`A recovery phrase has ${allowed.join(', ')} words; this one has ${count}.`)
    this.count = count
  }
}

export class UnknownMnemonicWordError extends BaseError {
  override name = 'UnknownMnemonicWordError' as const
  word: string
  position: number
  constructor({ word, position }: { word: string; position: number }) {
    super(`Word ${position} ("${word}") is not in the BIP-39 English word list.`, {
      details: 'Check its spelling against the written backup.',
    })
    this.word = word
    this.position = position
  }
}

export class InvalidMnemonicChecksumError extends BaseError {
  override name = 'InvalidMnemonicChecksumError' as const
  constructor() {
    super('The recovery phrase checksum does not match: a word is wrong or the order is off.', {
      details: 'Every word is a valid BIP-39 word, but together they do not form a valid phrase.',
    })
  }
}

export class BackupCheckFailedError extends BaseError {
  override name = 'BackupCheckFailedError' as const
  wrongPositions: number[]
  constructor({ wrongPositions }: { wrongPositions: number[] }) {
    super(`The backup check failed: word${wrongPositions.length > 1 ? 's' : ''} ${wrongPositions.join(', ')} ${wrongPositions.length > 1 ? 'do' : 'does'} not match.`)
    this.wrongPositions = wrongPositions
  }
}

export class InvalidPrivateKeyError extends BaseError {
  override name = 'InvalidPrivateKeyError' as const
  constructor({ reason }: { reason: string }) {
    super(`Not a valid private key: ${reason}.`)
  }
}

export class InvalidAddressError extends BaseError {
  override name = 'InvalidAddressError' as const
  address: string
  constructor({ address }: { address: string }) {
    super(`"${address}" is not an Ethereum address (expected 0x followed by 40 hex digits).`)
    this.address = address
  }
}

export class InvalidAddressChecksumError extends BaseError {
  override name = 'InvalidAddressChecksumError' as const
  address: string
  expected: string
  constructor({ address, expected }: { address: string; expected: string }) {
    super(`The address "${address}" has a wrong EIP-55 checksum (mixed case does not match).`, {
      details: `A typo is likely. The correctly checksummed form of these hex digits is ${expected}; compare it with the source before using it.`,
    })
    this.address = address
    this.expected = expected
  }
}

export class WrongPasswordError extends BaseError {
  override name = 'WrongPasswordError' as const
  constructor({ what }: { what: 'keystore' | 'vault' }) {
    super(`Wrong password for this ${what}.`)
  }
}

export class KeystoreFormatError extends BaseError {
  override name = 'KeystoreFormatError' as const
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`Not a valid Web3 Secret Storage (v3) keystore: ${reason}.`, { cause })
  }
}

/**
 * A keystore setting Latchkey refuses before doing any work: an unknown cipher, KDF or PRF, a
 * field of the wrong length, or a KDF cost past the limits (a denial of service, not a keystore).
 */
export class KeystoreParametersRejectedError extends BaseError {
  override name = 'KeystoreParametersRejectedError' as const
  /** The keystore field, as a path in its JSON (`crypto.kdfparams.n`), or the quantity derived from several. */
  readonly parameter: string
  readonly value: string | number
  /** What Latchkey accepts, in words (`at most 16`, `a power of two`, `aes-128-ctr`). */
  readonly limit: string
  constructor({ parameter, value, limit, details }: { parameter: string; value: string | number; limit: string; details?: string }) {
    super(`This keystore's ${parameter} is ${typeof value === 'string' ? value : String(value)}; Latchkey accepts ${limit}.`, {
      details,
      metaMessages: ['Nothing was derived or decrypted. Re-export the key with standard settings (geth, MetaMask and Latchkey write scrypt n=262144, r=8, p=1).'],
    })
    this.parameter = parameter
    this.value = value
    this.limit = limit
  }
}

/** A setup export file whose settings would make opening it a denial of service, or that is not one. */
export class SetupFileRejectedError extends BaseError {
  override name = 'SetupFileRejectedError' as const
  readonly parameter: string
  readonly limit: string
  constructor({ parameter, value, limit }: { parameter: string; value: unknown; limit: string }) {
    super(`This setup file's ${parameter} is ${JSON.stringify(value) ?? String(value)}; Latchkey accepts ${limit}.`, {
      metaMessages: ['Nothing was derived or imported. Export the setup again from the copy that made it.'],
    })
    this.parameter = parameter
    this.limit = limit
  }
}

export class KeystoreAddressMismatchError extends BaseError {
  override name = 'KeystoreAddressMismatchError' as const
  constructor({ declared, derived }: { declared: string; derived: string }) {
    super('The keystore decrypted, but its key does not belong to the address it declares.', {
      details: `declared ${declared}, key belongs to ${derived}`,
    })
  }
}

export class VaultLockedError extends BaseError {
  override name = 'VaultLockedError' as const
  constructor() {
    super('The wallet is locked. Unlock it with your password first.')
  }
}

export class VaultNotFoundError extends BaseError {
  override name = 'VaultNotFoundError' as const
  constructor() {
    super('No wallet vault is stored in this browser yet.')
  }
}

export class VaultExistsError extends BaseError {
  override name = 'VaultExistsError' as const
  constructor() {
    super('A wallet vault already exists here; refusing to overwrite it.')
  }
}

export class VaultCorruptError extends BaseError {
  override name = 'VaultCorruptError' as const
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The stored vault record is damaged: ${reason}.`, { cause })
  }
}

export class VaultVersionError extends BaseError {
  override name = 'VaultVersionError' as const
  version: unknown
  constructor({ version }: { version: unknown }) {
    super(`The stored vault has format version ${JSON.stringify(version)}, which this version of Latchkey cannot read.`, {
      details: 'It was probably written by a newer Latchkey; open it with that version.',
    })
    this.version = version
  }
}

/** The record about to be stored did not decrypt back to what was encrypted (so it is not stored). */
export class VaultRoundTripError extends BaseError {
  override name = 'VaultRoundTripError' as const
  constructor() {
    super('The new vault record did not decrypt back to the same contents, so it was not stored.')
  }
}

export class VaultWriteError extends BaseError {
  override name = 'VaultWriteError' as const
  constructor({ cause }: { cause?: unknown }) {
    super('Saving the vault failed; the previously saved vault is unchanged.', { cause })
  }
}

export class AccountNotFoundError extends BaseError {
  override name = 'AccountNotFoundError' as const
  constructor({ accountId }: { accountId: string }) {
    super(`No account with id "${accountId}" in this wallet.`)
  }
}

export class AccountExistsError extends BaseError {
  override name = 'AccountExistsError' as const
  address: string
  constructor({ address, name }: { address: string; name: string }) {
    super(`The address ${address} is already in this wallet as "${name}".`)
    this.address = address
  }
}

export class WatchOnlyAccountError extends BaseError {
  override name = 'WatchOnlyAccountError' as const
  constructor({ address }: { address: string }) {
    super(`${address} is watch-only: this wallet holds no key for it and cannot sign.`)
  }
}

export class ExternalSignerMethodError extends BaseError {
  override name = 'ExternalSignerMethodError' as const
  method: string
  constructor({ method }: { method: string }) {
    super(`Refused to send "${method}" to the browser wallet: it is used for signing only.`, {
      details: 'Chain data is read through Latchkey\'s verified transport, never through an extension\'s RPC.',
    })
    this.method = method
  }
}

export class ExternalSignerError extends BaseError {
  override name = 'ExternalSignerError' as const
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The browser wallet did not sign: ${reason}.`, { cause })
  }
}

export class InvalidAmountError extends BaseError {
  override name = 'InvalidAmountError' as const
  input: string
  constructor({ input, reason }: { input: string; reason: string }) {
    super(`"${input}" is not a valid amount: ${reason}.`)
    this.input = input
  }
}

export class TooManyDecimalsError extends BaseError {
  override name = 'TooManyDecimalsError' as const
  input: string
  decimals: number
  constructor({ input, decimals, symbol }: { input: string; decimals: number; symbol: string }) {
    super(`"${input}" has more decimal places than ${symbol} allows (${decimals}).`)
    this.input = input
    this.decimals = decimals
  }
}

export class InsufficientBalanceError extends BaseError {
  override name = 'InsufficientBalanceError' as const
  amount: bigint
  balance: bigint
  /** The verified block the balance was read at, when it was read at one. */
  block: bigint | undefined
  constructor({ amount, balance, symbol, format, block }: { amount: bigint; balance: bigint; symbol: string; format: (v: bigint) => string; block?: bigint }) {
    super(`The amount (${format(amount)} ${symbol}) is more than the balance (${format(balance)} ${symbol})${block === undefined ? '' : ` verified at block ${block}`}.`)
    this.amount = amount
    this.balance = balance
    this.block = block
  }
}

export class InsufficientFundsForFeeError extends BaseError {
  override name = 'InsufficientFundsForFeeError' as const
  required: bigint
  balance: bigint
  /** The verified block the ETH balance was read at, when it was read at one. */
  block: bigint | undefined
  constructor({ required, balance, format, block }: { required: bigint; balance: bigint; format: (v: bigint) => string; block?: bigint }) {
    super(`Not enough ETH for this transaction including its maximum network fee: ${format(required)} ETH needed, ${format(balance)} ETH available${block === undefined ? '' : ` (verified at block ${block})`}.`)
    this.required = required
    this.balance = balance
    this.block = block
  }
}

export class SignerMismatchError extends BaseError {
  override name = 'SignerMismatchError' as const
  constructor({ expected, actual }: { expected: string; actual: string }) {
    super(`This transaction was prepared for ${expected} but the signer is ${actual}.`)
  }
}

export class TransactionRejectedError extends BaseError {
  override name = 'TransactionRejectedError' as const
  hash: string
  constructor({ hash, cause }: { hash: string; cause: unknown }) {
    const why = messageOf(cause)
    super(`The network rejected the transaction: ${why}`, { cause, details: `transaction ${hash}` })
    this.hash = hash
  }
}

export class BroadcastHashMismatchError extends BaseError {
  override name = 'BroadcastHashMismatchError' as const
  constructor({ expected, returned }: { expected: string; returned: string }) {
    super('The RPC answered with a different transaction hash than the one signed.', { details: `signed ${expected}, RPC said ${returned}` })
  }
}

export class ReplacementNotPossibleError extends BaseError {
  override name = 'ReplacementNotPossibleError' as const
  constructor({ hash, reason }: { hash: string; reason: string }) {
    super(`Cannot replace transaction ${hash}: ${reason}.`)
  }
}

export class TokenContractError extends BaseError {
  override name = 'TokenContractError' as const
  address: string
  constructor({ address, reason, cause }: { address: string; reason: string; cause?: unknown }) {
    super(`${address} does not look like an ERC-20 token: ${reason}.`, { cause })
    this.address = address
  }
}

/**
 * The browser wallet refused a method as unsupported (EIP-1193 4200, JSON-RPC -32601 or its words):
 * for eth_signTransaction (MetaMask and others) the send can go through the wallet instead.
 */
export class ExternalSignerUnsupportedMethodError extends BaseError {
  override name = 'ExternalSignerUnsupportedMethodError' as const
  method: string
  code: number | undefined
  constructor({ method, code, cause }: { method: string; code: number | undefined; cause?: unknown }) {
    super(`The browser wallet did not sign: the wallet does not support ${method}.`, { cause, details: code === undefined ? undefined : `wallet error code ${code}` })
    this.method = method
    this.code = code
  }
}

/** A browser wallet that sent the transaction itself answered with something that is not a transaction hash. */
export class WalletSendAnswerError extends BaseError {
  override name = 'WalletSendAnswerError' as const
  answer: string
  constructor({ answer }: { answer: string }) {
    super('The browser wallet answered eth_sendTransaction with something that is not a transaction hash.', { details: `answer: ${answer.slice(0, 80)}` })
    this.answer = answer
  }
}

/**
 * The transaction a browser wallet broadcast (found by its hash in a verified block) is not the one
 * reviewed: a field differs, or the wallet raised the fee cap.
 */
export class WalletSentDifferentTransactionError extends BaseError {
  override name = 'WalletSentDifferentTransactionError' as const
  hash: string
  field: string
  asked: string
  sent: string
  constructor({ hash, field, asked, sent }: { hash: string; field: string; asked: string; sent: string }) {
    super(`The browser wallet broadcast a different transaction than the one reviewed: ${field} was ${sent}, the review said ${asked}.`, {
      details: `transaction ${hash}, read from its verified block`,
    })
    this.hash = hash
    this.field = field
    this.asked = asked
    this.sent = sent
  }
}

export class InvalidContactNameError extends BaseError {
  override name = 'InvalidContactNameError' as const
  input: string
  constructor({ input, reason }: { input: string; reason: string }) {
    super(`"${input}" cannot be a contact name: ${reason}.`)
    this.input = input
  }
}

export class ContactExistsError extends BaseError {
  override name = 'ContactExistsError' as const
  address: string
  existing: string
  constructor({ address, existing, sameName }: { address: string; existing: string; sameName: boolean }) {
    super(sameName ? `A contact named "${existing}" exists already (${address}); choose another name.` : `${address} is in your contacts already as "${existing}".`)
    this.address = address
    this.existing = existing
  }
}

export class ContactNotFoundError extends BaseError {
  override name = 'ContactNotFoundError' as const
  address: string
  constructor({ address }: { address: string }) {
    super(`${address} is not in your contacts.`)
    this.address = address
  }
}
