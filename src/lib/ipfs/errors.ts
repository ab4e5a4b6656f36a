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

/**
 * A gateway (or peer) served bytes no honest one could have: a proven fault. Whoever sees one
 * stops asking that source; `source` names the URL it came from.
 */
export abstract class GatewayFaultError extends BaseError {
  readonly provesFault = true as const
  abstract source: string
}

export function isGatewayFault(error: unknown): error is GatewayFaultError {
  return error instanceof GatewayFaultError
}

/** A block's bytes do not hash to the digest in its CID: the source sent wrong data. */
export class BlockHashMismatchError extends GatewayFaultError {
  override name = 'BlockHashMismatchError' as const
  cid: string
  expectedDigest: string
  actualDigest: string
  source: string
  constructor(p: { cid: string; expectedDigest: string; actualDigest: string; source: string }) {
    super(`Block ${p.cid} from ${p.source} does not match its CID`, {
      metaMessages: [`Expected sha2-256 digest: ${p.expectedDigest}`, `Received bytes hash to:  ${p.actualDigest}`],
      details: 'The block was refused.',
    })
    this.cid = p.cid
    this.expectedDigest = p.expectedDigest
    this.actualDigest = p.actualDigest
    this.source = p.source
  }
}

/** A CAR whose header names other roots than the CID asked for. */
export class CarRootMismatchError extends GatewayFaultError {
  override name = 'CarRootMismatchError' as const
  expected: string
  found: string[]
  source: string
  constructor(p: { expected: string; found: string[]; source: string }) {
    super(`CAR from ${p.source} has roots [${p.found.join(', ')}], expected ${p.expected}`)
    this.expected = p.expected
    this.found = p.found
    this.source = p.source
  }
}

/** The body is not a CAR (a bad header, a bad CID or length inside): nothing in it is used. */
export class MalformedCarError extends GatewayFaultError {
  override name = 'MalformedCarError' as const
  source: string
  reason: string
  constructor(p: { source: string; reason: string; cause?: unknown }) {
    super(`The CAR from ${p.source} is malformed: ${p.reason}`, { cause: p.cause })
    this.source = p.source
    this.reason = p.reason
  }
}

export class BlockNotFoundError extends BaseError {
  override name = 'BlockNotFoundError' as const
  cid: string
  source: string
  constructor(p: { cid: string; source: string; cause?: unknown; details?: string }) {
    super(`Block ${p.cid} could not be fetched from ${p.source}`, { cause: p.cause, details: p.details })
    this.cid = p.cid
    this.source = p.source
  }
}

export class UnsupportedBlockError extends BaseError {
  override name = 'UnsupportedBlockError' as const
  cid: string
  constructor(p: { cid: string; reason: string }) {
    super(`Block ${p.cid} cannot be verified: ${p.reason}`, {
      metaMessages: ['Only sha2-256 CIDs with the dag-pb or raw codec (UnixFS) are supported.'],
    })
    this.cid = p.cid
  }
}

/** The gateway could not be reached, timed out, answered an HTTP error or an oversized body: an outage, not a fault. */
export class GatewayRequestError extends BaseError {
  override name = 'GatewayRequestError' as const
  url: string
  status: number | undefined
  /** No HTTP answer at all (refused, no route, no headers in time), or it cannot be asked this: not worth asking again now. */
  unreachable: boolean
  constructor(p: { url: string; status?: number; cause?: unknown; details?: string; unreachable?: boolean }) {
    // fetch wraps the socket error (ECONNREFUSED...) one level deeper.
    const inner = (p.cause as { cause?: { code?: string; message?: string } })?.cause
    const reason = p.status !== undefined ? `HTTP ${p.status}` : (inner?.code ?? p.details ?? inner?.message ?? (p.cause as Error)?.message)
    super(`Gateway request failed: ${p.url}${reason ? ` (${reason})` : ''}`, {
      cause: p.cause,
      details: p.details,
    })
    this.url = p.url
    this.status = p.status
    this.unreachable = p.unreachable ?? false
  }
}

/**
 * No gateway delivered a verified copy of the whole DAG. `errors` says what each gateway did
 * (one entry per gateway, its fault if it was caught with a wrong block); `missing` is a block
 * nobody delivered.
 */
export class AllGatewaysFailedError extends BaseError {
  override name = 'AllGatewaysFailedError' as const
  cid: string
  missing: string
  errors: { endpoint: string; error: unknown }[]
  constructor(p: { cid: string; missing: string; errors: { endpoint: string; error: unknown }[] }) {
    const liars = p.errors.filter((e) => isGatewayFault(e.error)).map((e) => e.endpoint)
    super(
      liars.length > 0
        ? `No honest gateway delivered all of ${p.cid}; caught serving wrong data: ${liars.join(', ')}`
        : `No gateway delivered all of ${p.cid} (block ${p.missing} is missing)`,
    )
    this.cid = p.cid
    this.missing = p.missing
    this.errors = p.errors
  }
}

export class DirectoryNotFoundError extends BaseError {
  override name = 'DirectoryNotFoundError' as const
  dir: string
  constructor({ dir, cause }: { dir: string; cause?: unknown }) {
    super(`Directory to publish not found: ${dir}`, {
      cause,
      metaMessages: ['Run `npm run build` first, or pass the directory with --dir.'],
    })
    this.dir = dir
  }
}

/** A CID whose verified DAG is not a Latchkey build (no app at its root, or metadata that does not say Latchkey). */
export class NotLatchkeyBuildError extends BaseError {
  override name = 'NotLatchkeyBuildError' as const
  cid: string
  reason: string
  constructor({ cid, reason }: { cid: string; reason: string }) {
    super(`${cid} is not a Latchkey build: ${reason}`, { details: 'Every block matched the CID, but what it holds is not a copy of this app. Check that you pasted the CID of a release.' })
    this.cid = cid
    this.reason = reason
  }
}

/** The CID pasted as a new release is the copy already running. */
export class SameReleaseError extends BaseError {
  override name = 'SameReleaseError' as const
  cid: string
  constructor({ cid }: { cid: string }) {
    super(`${cid} is the copy you are running now`, { details: 'Paste the CID of the release you want to move to.' })
    this.cid = cid
  }
}

/** A node of a verified DAG is not the UnixFS it should be (a directory that is none, a file whose parts do not add up to its size). */
export class UnixfsFormatError extends BaseError {
  override name = 'UnixfsFormatError' as const
  cid: string
  path: string
  reason: string
  constructor({ cid, path, reason }: { cid: string; path: string; reason: string }) {
    super(`${path === '' ? 'The root' : path} (${cid}) is not valid UnixFS: ${reason}.`)
    this.cid = cid
    this.path = path
    this.reason = reason
  }
}
