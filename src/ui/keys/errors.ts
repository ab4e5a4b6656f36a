import { BaseError } from '../../lib/errors.ts'

// Refusals around key material: a password, a setup file, a hardware signer.

export class PasswordTooShortError extends BaseError {
  override name = 'PasswordTooShortError'
  readonly minLength: number
  constructor({ what, minLength }: { what: 'password' | 'export password'; minLength: number }) {
    super(`Choose ${what === 'password' ? 'a password' : 'an export password'} of at least ${minLength} characters.`)
    this.minLength = minLength
  }
}

/** A file or pasted text that is not what the app can read (a setup export, exported settings). */
export class UnreadableFileError extends BaseError {
  override name = 'UnreadableFileError'
  constructor(shortMessage: string, opts: { cause?: unknown } = {}) {
    super(shortMessage, opts)
  }
}

export class WrongExportPasswordError extends BaseError {
  override name = 'WrongExportPasswordError'
  constructor() {
    super('Wrong export password, or the file is damaged.')
  }
}

/** A Ledger or QR-signer account whose path (or fingerprint) is not kept in this copy's settings. */
export class SignerNotKeptError extends BaseError {
  override name = 'SignerNotKeptError'
  readonly address: string
  constructor({ address, kind }: { address: string; kind: 'ledger' | 'qr' }) {
    super(`No ${kind === 'ledger' ? 'Ledger path' : 'QR signer'} is kept for ${address} in this copy: add the account again.`)
    this.address = address
  }
}

/** The browser has no WebHID (Firefox, Safari, mobile): a Ledger cannot be reached from this page. */
export class WebHidUnavailableError extends BaseError {
  override name = 'WebHidUnavailableError'
  constructor() {
    super('This browser has no WebHID: use Chrome, Edge, Brave or Opera on a desktop to connect a Ledger.')
  }
}
