import { BaseError } from '../errors.ts'

export class InvalidCidError extends BaseError {
  override name = 'InvalidCidError' as const
  input: string
  constructor({ input, cause }: { input: string; cause?: unknown }) {
    super(`Not a valid CID: ${JSON.stringify(input)}`, { cause })
    this.input = input
  }
}

/** A DNS label holds at most 63 characters, so some CIDs (e.g. sha2-512 ones) have no subdomain form. */
export class SubdomainLabelTooLongError extends BaseError {
  override name = 'SubdomainLabelTooLongError' as const
  label: string
  constructor({ label }: { label: string }) {
    super(`"${label}" is ${label.length} characters, more than the 63 a DNS label allows`, {
      metaMessages: ['This CID cannot be opened on a subdomain gateway; use a CID with a sha2-256 hash.'],
    })
    this.label = label
  }
}
