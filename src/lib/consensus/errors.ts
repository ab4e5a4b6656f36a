import { AllEndpointsFailedError, ProvenFaultError } from '../endpoints/errors.ts'
import { BaseError } from '../errors.ts'
import { formatAge } from './formatAge.ts'

/**
 * A beacon API answered with data that fails cryptographic verification: a proven fault.
 * The pool marks the serving endpoint `faulty` when it sees one of these.
 */
export abstract class ConsensusVerificationError extends ProvenFaultError {
  /** The endpoint that served the data, when known (filled by the pool). */
  endpoint: string | undefined

  blame(endpoint: string): this {
    this.endpoint ??= endpoint
    return this
  }
}

/** The bootstrap header does not hash to the trusted block root. */
export class TrustedRootMismatchError extends ConsensusVerificationError {
  override name = 'TrustedRootMismatchError' as const
  expected: string
  found: string
  constructor({ expected, found }: { expected: string; found: string }) {
    super('The bootstrap does not belong to the trusted checkpoint root.', {
      metaMessages: [`trusted root: ${expected}`, `bootstrap header root: ${found}`],
    })
    this.expected = expected
    this.found = found
  }
}

/** A Merkle branch (sync committee, finality, execution payload) does not lead to the claimed root. */
export class InvalidMerkleBranchError extends ConsensusVerificationError {
  override name = 'InvalidMerkleBranchError' as const
  branch: 'currentSyncCommittee' | 'nextSyncCommittee' | 'finality' | 'execution'
  slot: number
  constructor({ branch, slot }: { branch: InvalidMerkleBranchError['branch']; slot: number }) {
    super(`The ${branch} Merkle branch of the header at slot ${slot} does not verify.`)
    this.branch = branch
    this.slot = slot
  }
}

/** The sync-committee aggregate signature does not verify (tampered data, or another chain / fork version). */
export class InvalidSyncSignatureError extends ConsensusVerificationError {
  override name = 'InvalidSyncSignatureError' as const
  signatureSlot: number
  attestedSlot: number
  constructor({ signatureSlot, attestedSlot, cause }: { signatureSlot: number; attestedSlot: number; cause?: unknown }) {
    super(`The sync committee signature over slot ${attestedSlot} (signed at slot ${signatureSlot}) does not verify.`, {
      cause,
      metaMessages: [
        'Either the data was altered, or it was signed for another chain or fork version',
        '(check the network\'s genesis validators root and fork schedule).',
      ],
    })
    this.signatureSlot = signatureSlot
    this.attestedSlot = attestedSlot
  }
}

/** Fewer than MIN_SYNC_COMMITTEE_PARTICIPANTS signed the update. */
export class InsufficientParticipationError extends ConsensusVerificationError {
  override name = 'InsufficientParticipationError' as const
  participants: number
  constructor({ participants }: { participants: number }) {
    super(`Only ${participants} sync committee members signed the update; it cannot be trusted.`)
    this.participants = participants
  }
}

/** The update is internally inconsistent (slot order, non-zero fields that must be zero). */
export class MalformedUpdateError extends ConsensusVerificationError {
  override name = 'MalformedUpdateError' as const
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The light-client update is inconsistent: ${reason}`, { cause })
  }
}

/** The endpoint labelled data with a fork other than the one its slot belongs to. */
export class ForkMismatchError extends ConsensusVerificationError {
  override name = 'ForkMismatchError' as const
  announced: string
  expected: string
  slot: number
  constructor({ announced, expected, slot }: { announced: string; expected: string; slot: number }) {
    super(`The endpoint announced fork "${announced}" for slot ${slot}, which belongs to "${expected}".`)
    this.announced = announced
    this.expected = expected
    this.slot = slot
  }
}

/** The endpoint answered with nothing where the clock says data must exist (withholding or lagging). */
export class WithheldDataError extends BaseError {
  override name = 'WithheldDataError' as const
  url: string
  constructor({ url, reason }: { url: string; reason: string }) {
    super(`The beacon API withheld data at ${url}: ${reason}`)
    this.url = url
  }
}

/** Whether an error proves a fault, or is a pool failure that carries such a proof. */
export function carriesProvenFault(error: unknown): boolean {
  if (isProvenFault(error)) return true
  return error instanceof AllEndpointsFailedError && error.errors.some((e) => isProvenFault(e.error))
}

export class CheckpointTooOldError extends BaseError {
  override name = 'CheckpointTooOldError' as const
  slot: number
  ageSeconds: number
  maxAgeSeconds: number
  constructor({ slot, ageSeconds, maxAgeSeconds }: { slot: number; ageSeconds: number; maxAgeSeconds: number }) {
    super(`The checkpoint at slot ${slot} is ${Math.floor(ageSeconds / 86400)} days old, older than the weak-subjectivity period (${Math.floor(maxAgeSeconds / 86400)} days).`, {
      metaMessages: [
        'Past this period, validators that have since exited could sign a different history without penalty,',
        'so an old sync committee can no longer be trusted to lead to the real chain.',
        'Paste a recent finalized block root from a source you trust (a block explorer, a friend\'s node, your own node),',
        'or clear the saved header and let the wallet take a root on which two beacon APIs agree.',
      ],
    })
    this.slot = slot
    this.ageSeconds = ageSeconds
    this.maxAgeSeconds = maxAgeSeconds
  }
}

/** No checkpoint could be established (no user root, no agreement between endpoints, no shipped one). */
export class NoCheckpointError extends BaseError {
  override name = 'NoCheckpointError' as const
  constructor({ reason }: { reason: string }) {
    super(`No trusted checkpoint: ${reason}`, {
      metaMessages: ['Paste a trusted finalized block root, or add beacon APIs so that two independent ones can agree on one.'],
    })
  }
}

/** The beacon APIs name finalized roots that are not on one chain: at least one serves a false chain, so none is taken. */
export class CheckpointConflictError extends BaseError {
  override name = 'CheckpointConflictError' as const
  /** Each root named, with its slot (when the answer carried the header) and the endpoints that named it. */
  roots: { root: `0x${string}`; slot: number | undefined; endpoints: string[] }[]
  constructor({ roots }: { roots: { root: `0x${string}`; slot: number | undefined; endpoints: string[] }[] }) {
    const list = roots.map(({ root, slot, endpoints }) => `${root.slice(0, 10)}…${slot === undefined ? '' : ` (slot ${slot})`} from ${endpoints.map((e) => new URL(e).host).join(', ')}`).join('; ')
    super(`No trusted checkpoint: the beacon APIs disagree on the finalized block root: ${list}.`, {
      metaMessages: [
        'They are not on one chain (an endpoint only behind would name an ancestor the others hold): at least one serves a false chain,',
        'and which one cannot be told from here, so none of these roots is taken.',
        'Give a finalized block root from a source you trust (your own node, a block explorer you trust, a friend\'s synced wallet)',
        'as the trusted checkpoint (the app: Network & trust; latchkey: --checkpoint ROOT), or remove the beacon API you do not trust.',
      ],
    })
    this.roots = roots
  }
}

export class UnknownNetworkError extends BaseError {
  override name = 'UnknownNetworkError' as const
  constructor({ network }: { network: string }) {
    super(`Unknown network "${network}".`, { metaMessages: ['Known: mainnet, sepolia, hoodi, devnet, or add a custom network.'] })
  }
}

export class InvalidNetworkConfigError extends BaseError {
  override name = 'InvalidNetworkConfigError' as const
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`Invalid network configuration: ${reason}`, { cause })
  }
}

/** The client cannot vouch for a header yet (not synced), or for that block number. */
export class HeaderNotAvailableError extends BaseError {
  override name = 'HeaderNotAvailableError' as const
  constructor({ reason }: { reason: string }) {
    super(`No verified execution header: ${reason}`)
  }
}

export class CorruptSavedStateError extends BaseError {
  override name = 'CorruptSavedStateError' as const
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The saved light-client state cannot be used: ${reason}`, {
      cause,
      metaMessages: ['Clear the saved state and start again from a checkpoint.'],
    })
  }
}

/** An update that cannot be checked now (its committee is unknown, or it claims a future slot): not proof of a fault. */
export class UnusableUpdateError extends BaseError {
  override name = 'UnusableUpdateError' as const
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The update cannot be used: ${reason}`, { cause })
  }
}

export function isProvenFault(error: unknown): error is ConsensusVerificationError {
  return error instanceof ConsensusVerificationError
}

/**
 * The light client's newest verified head is too old to act on (past the freshness limit, or the
 * light client is stalled or stopped): a nonce, balance or fee read from it would be stale.
 */
export class HeadNotCurrentError extends BaseError {
  override name = 'HeadNotCurrentError' as const
  status: string
  blockNumber: bigint | undefined
  slot: number | undefined
  /** The head's execution timestamp (Unix seconds). */
  timestamp: number | undefined
  ageSeconds: number | undefined
  limitSeconds: number
  /** What a read from this head would get wrong, for the action that was refused (a send's: its nonce, balance and fees). */
  stale: string
  constructor({ status, blockNumber, slot, timestamp, ageMs, limitSeconds, stale = 'Nonce, balance and fees from it would be stale.' }: {
    status: string; blockNumber?: bigint; slot?: number; timestamp?: number; ageMs?: number; limitSeconds: number; stale?: string
  }) {
    const why = status === 'stalled' ? ' (the light client is stalled)' : status === 'error' ? ' (the light client stopped)'
      : status === 'syncing' || status === 'bootstrapping' ? ' (the light client is still syncing)' : ''
    const past = (ageMs ?? 0) > limitSeconds * 1000 ? `, past the limit of ${formatAge({ seconds: limitSeconds })}` : ''
    super(blockNumber === undefined
      ? `There is no verified head yet${why}: nothing can be read or sent as current.`
      // Tenths under a minute: "4.6 s old, past the limit of 4 s" reads right where "4 s" would not.
      : `The newest verified head, block ${blockNumber} (slot ${slot}), is ${(ageMs ?? 0) < 60_000 ? `${((ageMs ?? 0) / 1000).toFixed(1)} s` : formatAge({ seconds: (ageMs ?? 0) / 1000 })} old${why}${past}.`, {
      metaMessages: [`${stale} The beacon APIs are lagging, withholding or forging updates: wait, or add another beacon API.`],
    })
    this.stale = stale
    this.status = status
    this.blockNumber = blockNumber
    this.slot = slot
    this.timestamp = timestamp
    this.ageSeconds = ageMs === undefined ? undefined : Math.floor(ageMs / 1000)
    this.limitSeconds = limitSeconds
  }
}

/**
 * A sync committee whose keys are not all valid BLS keys, or whose `aggregate_pubkey` is not the
 * sum of its keys. It arrived with a valid Merkle proof, so the chain data that carried it is
 * forged (a trusted root of a forged state, or a signing committee that lied): the committee is
 * refused with everything verified through it. `endpoint` is the one that served it.
 */
export class InvalidSyncCommitteeError extends ConsensusVerificationError {
  override name = 'InvalidSyncCommitteeError' as const
  committeeRoot: string
  /** The member whose key is invalid; undefined when the aggregate is what is wrong. */
  index: number | undefined
  constructor({ committeeRoot, index, reason, cause }: { committeeRoot: string; index?: number; reason: string; cause?: unknown }) {
    super(`The sync committee ${committeeRoot.slice(0, 10)}… is invalid: ${reason}.`, {
      cause,
      metaMessages: ['Its Merkle proof holds, so the data that carried it is forged; nothing verified through it is kept.'],
    })
    this.committeeRoot = committeeRoot
    this.index = index
  }
}

/** An update that brings nothing new (attested at or before the finalized header): ignored, not a fault. */
export class IrrelevantUpdateError extends BaseError {
  override name = 'IrrelevantUpdateError' as const
  attestedSlot: number
  finalizedSlot: number
  constructor({ attestedSlot, finalizedSlot }: { attestedSlot: number; finalizedSlot: number }) {
    super(`The update attested at slot ${attestedSlot} is not newer than the finalized slot ${finalizedSlot}.`)
    this.attestedSlot = attestedSlot
    this.finalizedSlot = finalizedSlot
  }
}

/** An in-memory transport (memoryTransport) was asked for data its recording does not hold. */
export class NotRecordedError extends BaseError {
  override name = 'NotRecordedError' as const
  endpoint: string
  route: string
  constructor({ endpoint, route }: { endpoint: string; route: string }) {
    super(`${endpoint} holds no recorded answer for ${route}.`)
    this.endpoint = endpoint
    this.route = route
  }
}
