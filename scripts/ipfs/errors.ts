import { BaseError } from '../../src/lib/errors.ts'

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

/** A block's bytes do not hash to the digest in its CID: the source sent wrong data. */
export class BlockHashMismatchError extends BaseError {
  override name = 'BlockHashMismatchError' as const
  cid: string
  expectedDigest: string
  actualDigest: string
  source: string
  constructor(p: { cid: string; expectedDigest: string; actualDigest: string; source: string }) {
    super(`Block ${p.cid} from ${p.source} does not match its CID`, {
      metaMessages: [`Expected sha2-256 digest: ${p.expectedDigest}`, `Received bytes hash to:  ${p.actualDigest}`],
      details: 'The block was refused and nothing was pinned.',
    })
    this.cid = p.cid
    this.expectedDigest = p.expectedDigest
    this.actualDigest = p.actualDigest
    this.source = p.source
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

export class GatewayRequestError extends BaseError {
  override name = 'GatewayRequestError' as const
  url: string
  status: number | undefined
  constructor(p: { url: string; status?: number; cause?: unknown; details?: string }) {
    super(`Gateway request failed: ${p.url}${p.status === undefined ? '' : ` (HTTP ${p.status})`}`, {
      cause: p.cause,
      details: p.details,
    })
    this.url = p.url
    this.status = p.status
  }
}

export class CarRootMismatchError extends BaseError {
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

export class PeerDialError extends BaseError {
  override name = 'PeerDialError' as const
  peer: string
  constructor({ peer, cause }: { peer: string; cause?: unknown }) {
    super(`Could not connect to peer ${peer}`, {
      cause,
      metaMessages: ['Is `npm run serve` running there? Use one of the multiaddrs it prints (ending in /p2p/<peer id>).'],
    })
    this.peer = peer
  }
}
