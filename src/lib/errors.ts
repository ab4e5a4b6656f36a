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

/** The one sentence to show for any thrown value: a Latchkey or viem error's short message, else its message. */
export function messageOf(error: unknown): string {
  const e = error as { shortMessage?: unknown; message?: unknown } | null | undefined
  if (typeof e?.shortMessage === 'string') return e.shortMessage
  if (typeof e?.message === 'string') return e.message
  return String(error)
}
