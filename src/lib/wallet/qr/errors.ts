import type { Address } from 'viem'
import { BaseError } from '../../errors.ts'

/** The scanned or pasted text is not the UR Latchkey asked for (ERC-4527 / BCR-2020-005), or is incomplete. */
export class QrCodeError extends BaseError {
  override name = 'QrCodeError' as const
  expected: string
  found: string | undefined
  constructor({ expected, found, reason }: { expected: string; found?: string; reason: string }) {
    super(`Not a usable ${expected} QR code: ${reason}.`)
    this.expected = expected
    this.found = found
  }
}

/** The exported key cannot give Ethereum accounts (no chain code, another coin, a private key). */
export class QrAccountError extends BaseError {
  override name = 'QrAccountError' as const
  constructor({ reason }: { reason: string }) {
    super(`This QR code does not describe Ethereum accounts: ${reason}.`)
  }
}

/** The signature answers another request, or recovers to another address than the account's. */
export class QrSignatureMismatchError extends BaseError {
  override name = 'QrSignatureMismatchError' as const
  expected: Address
  actual: Address | undefined
  constructor({ expected, actual, reason }: { expected: Address; actual?: Address; reason: string }) {
    super(`The QR signer's answer is refused: ${reason}. Nothing was sent.`)
    this.expected = expected
    this.actual = actual
  }
}

/** The user closed the QR signing request: nothing was signed or sent. */
export class QrSigningCancelledError extends BaseError {
  override name = 'QrSigningCancelledError' as const
  constructor() {
    super('QR signing was cancelled: nothing was signed or sent.')
  }
}
