export type BaseErrorParameters = {
  cause?: unknown
  details?: string
  metaMessages?: string[]
}

/** Base of every Latchkey error (viem-style): `name` is a stable literal the UI can switch on. */
export class BaseError extends Error {
  override name = 'BaseError'
  shortMessage: string
  details: string | undefined
  metaMessages: string[] | undefined

  constructor(shortMessage: string, opts: BaseErrorParameters = {}) {
    const message = [
      shortMessage,
      ...(opts.metaMessages ? ['', ...opts.metaMessages] : []),
      ...(opts.details ? ['', `Details: ${opts.details}`] : []),
    ].join('\n')
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.shortMessage = shortMessage
    this.details = opts.details
    this.metaMessages = opts.metaMessages
  }
}
