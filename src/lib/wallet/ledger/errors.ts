import type { Address } from 'viem'
import { BaseError } from '../../errors.ts'

/** What a status word from the Ethereum app means for the user (APDU status words of app-ethereum and the OS). */
const statusMeaning: Record<number, string> = {
  0x6985: 'the request was rejected on the Ledger',
  0x6a80: 'the Ethereum app refused the data: enable Blind signing in its settings for contract calls it cannot show',
  0x6d00: 'the Ethereum app is not open on the Ledger',
  0x6e00: 'the Ethereum app is not open on the Ledger',
  0x6e01: 'the Ethereum app is not open on the Ledger',
  0x6511: 'the Ethereum app is not open on the Ledger',
  0x5515: 'the Ledger is locked: enter its PIN',
  0x6b0c: 'the Ledger is locked: enter its PIN',
}

/** The Ledger (or its transport) refused or failed a request; `statusCode` is the APDU status word when there was one. */
export class LedgerDeviceError extends BaseError {
  override name = 'LedgerDeviceError' as const
  statusCode: number | undefined
  constructor({ statusCode, cause }: { statusCode?: number; cause?: unknown }) {
    const meaning = statusCode === undefined ? undefined : statusMeaning[statusCode]
    const reason = meaning ?? (statusCode === undefined ? ((cause as Error)?.message ?? 'no answer') : `status 0x${statusCode.toString(16)}`)
    super(`The Ledger did not answer: ${reason}.`, { cause, details: statusCode === undefined ? undefined : `APDU status 0x${statusCode.toString(16).padStart(4, '0')}` })
    this.statusCode = statusCode
  }
}

/** The device derives another address at the path than the account's: another seed, or another path. */
export class LedgerAddressMismatchError extends BaseError {
  override name = 'LedgerAddressMismatchError' as const
  path: string
  expected: Address
  actual: Address
  constructor({ path, expected, actual }: { path: string; expected: Address; actual: Address }) {
    super(`The Ledger has ${actual} at m/${path}, not ${expected}: it holds another recovery phrase (or a passphrase is set).`)
    this.path = path
    this.expected = expected
    this.actual = actual
  }
}

/** What came back from the device is not a signature of the reviewed transaction by the account's key. */
export class LedgerSignatureError extends BaseError {
  override name = 'LedgerSignatureError' as const
  expected: Address
  actual: Address | undefined
  constructor({ expected, actual, cause }: { expected: Address; actual?: Address; cause?: unknown }) {
    super(actual ? `The Ledger's signature recovers to ${actual}, not ${expected}: nothing was sent.` : 'The Ledger returned an unusable signature: nothing was sent.', { cause })
    this.expected = expected
    this.actual = actual
  }
}

/** A token descriptor shipped in the build does not carry a valid Ledger signature (corrupted data): it is not used. */
export class LedgerTokenDescriptorError extends BaseError {
  override name = 'LedgerTokenDescriptorError' as const
  contract: Address
  chainId: number
  constructor({ contract, chainId }: { contract: Address; chainId: number }) {
    super(`The Ledger clear-signing data for token ${contract} on chain ${chainId} does not verify against Ledger's key: refused.`)
    this.contract = contract
    this.chainId = chainId
  }
}

/** Latchkey signs transactions and messages with a Ledger; other requests are refused. */
export class LedgerUnsupportedError extends BaseError {
  override name = 'LedgerUnsupportedError' as const
  constructor({ what }: { what: string }) {
    super(`Signing ${what} with a Ledger is not supported in Latchkey.`)
  }
}
