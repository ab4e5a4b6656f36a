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

/** The user declined at the confirmation prompt, or cancelled a prompt: nothing was signed or sent. */
export class SendCancelledError extends BaseError {
  override name = 'SendCancelledError' as const
  constructor({ reason }: { reason: string }) {
    super(`Nothing was sent: ${reason}.`)
  }
}

/** A file `send` needs (keystore, password file) could not be read. */
export class CliFileError extends BaseError {
  override name = 'CliFileError' as const
  path: string
  constructor({ path, what, cause }: { path: string; what: string; cause: unknown }) {
    const code = (cause as NodeJS.ErrnoException)?.code
    super(`Cannot read the ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : ((cause as Error)?.message ?? String(cause))}.`, { cause })
    this.path = path
  }
}

/** `send --wait`: no verified receipt within the time allowed (the transaction may still be mined). */
export class WaitTimeoutError extends BaseError {
  override name = 'WaitTimeoutError' as const
  hash: string
  constructor({ hash, seconds }: { hash: string; seconds: number }) {
    super(`Transaction ${hash} was broadcast, but no receipt could be verified within ${seconds} s.`, {
      metaMessages: [`Check later with \`latchkey receipt ${hash}\`.`],
    })
    this.hash = hash
  }
}

/** `verify-app --build`: the checkout did not build (no node_modules, a Vite error). */
export class BuildFailedError extends BaseError {
  override name = 'BuildFailedError' as const
  source: string
  constructor({ source, reason, cause }: { source: string; reason: string; cause?: unknown }) {
    super(`Could not build the app from ${source}: ${reason}`, {
      cause,
      metaMessages: ['Run it from a checkout of Latchkey after `npm ci`, or pass the checkout with --source DIR.'],
    })
    this.source = source
  }
}

/** `verify-app --build`: the deployed copy verified against its CID, but this checkout builds to another CID. */
export class BuildMismatchError extends BaseError {
  override name = 'BuildMismatchError' as const
  deployed: string
  built: string
  differences: { path: string; kind: string }[]
  constructor({ deployed, built, differences }: { deployed: string; built: string; differences: { path: string; kind: string }[] }) {
    const label: Record<string, string> = {
      changed: 'differs:',
      'only-in-a': 'only in the deployed copy:',
      'only-in-b': 'only in the rebuild:',
      encoding: 'same bytes, other UnixFS import settings:',
    }
    super(`The deployed copy ${deployed} verified against its CID, but it is not the build of this source (which builds to ${built}).`, {
      metaMessages: differences.length > 0
        ? differences.map((d) => `${label[d.kind] ?? d.kind} ${d.path}`)
        : ['Every file is the same: the directory was imported with other settings (see `npm run publish`).'],
    })
    this.deployed = deployed
    this.built = built
    this.differences = differences
  }
}
