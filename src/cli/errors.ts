import { BaseError } from '../lib/errors.ts'

/** The command line is wrong (unknown command or option, malformed address, missing flag). */
export class UsageError extends BaseError {
  override name = 'UsageError' as const
  constructor({ reason, hint }: { reason: string; hint?: string }) {
    super(reason, { metaMessages: hint ? [hint] : undefined })
  }
}

/** The devnet info file (`npm run devnet` writes it) is missing or unreadable. */
export class DevnetInfoError extends BaseError {
  override name = 'DevnetInfoError' as const
  path: string
  constructor({ path, reason, cause }: { path: string; reason: string; cause?: unknown }) {
    super(`Cannot use the devnet info file ${path}: ${reason}`, {
      cause,
      metaMessages: ['Start the devnet with `npm run devnet` (it writes .latchkey/devnet.json), or pass --beacon URL.'],
    })
    this.path = path
  }
}

/** After syncing, the light client still has no verified head close to the clock. */
export class HeadNotCurrentError extends BaseError {
  override name = 'HeadNotCurrentError' as const
  headSlot: number
  currentSlot: number
  constructor({ headSlot, currentSlot }: { headSlot: number; currentSlot: number }) {
    super(`The newest verified head is at slot ${headSlot}, ${currentSlot - headSlot} slots behind the clock (slot ${currentSlot}).`, {
      metaMessages: ['The beacon APIs are lagging or withholding updates; add another with --beacon URL.'],
    })
    this.headSlot = headSlot
    this.currentSlot = currentSlot
  }
}

/** No RPC returned a receipt: absence cannot be proven, so nothing is claimed. */
export class ReceiptNotFoundError extends BaseError {
  override name = 'ReceiptNotFoundError' as const
  hash: string
  constructor({ hash }: { hash: string }) {
    super(`No RPC returned a receipt for transaction ${hash} (not mined yet, or unknown to the providers; absence is not verifiable).`)
    this.hash = hash
  }
}

/** `--network devnet --beacon URL`: the devnet's config and genesis could not be read from that URL. */
export class DevnetConfigUnavailableError extends BaseError {
  override name = 'DevnetConfigUnavailableError' as const
  url: string
  constructor({ url, cause }: { url: string; cause: unknown }) {
    const reason = cause instanceof BaseError ? cause.shortMessage : String((cause as Error)?.message ?? cause)
    super(`Could not read the devnet's config and genesis from ${url}: ${reason}`, { cause })
    this.url = url
  }
}
