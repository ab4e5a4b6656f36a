import { BaseError } from '../errors.ts'

/** Not a proof bundle this version reads: wrong format or version, or a part missing or malformed. */
export class BundleFormatError extends BaseError {
  override name = 'BundleFormatError' as const
  field: string
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`This is not a valid Latchkey proof bundle: ${field} ${reason}.`)
    this.field = field
  }
}

/** The bundle starts from a checkpoint other than the one the user trusts. */
export class BundleCheckpointMismatchError extends BaseError {
  override name = 'BundleCheckpointMismatchError' as const
  expected: string
  found: string
  constructor({ expected, found }: { expected: string; found: string }) {
    super(`The bundle starts from checkpoint ${found}, not from the trusted checkpoint ${expected}.`)
    this.expected = expected
    this.found = found
  }
}

/** The bundle's network is not the verifier's built-in network of that name (or its identity is inconsistent). */
export class BundleNetworkMismatchError extends BaseError {
  override name = 'BundleNetworkMismatchError' as const
  network: string
  constructor({ network, reason }: { network: string; reason: string }) {
    super(`The bundle's network "${network}" ${reason}.`)
    this.network = network
  }
}

/** The block the value is from is not the light client's header nor linked to it by parent hashes. */
export class BundleBlockNotLinkedError extends BaseError {
  override name = 'BundleBlockNotLinkedError' as const
  blockHash: string
  constructor({ blockHash, reason }: { blockHash: string; reason: string }) {
    super(`Block ${blockHash} is not linked to the verified header: ${reason}.`)
    this.blockHash = blockHash
  }
}

/** The proofs verify, but the value the bundle states is not the proven one. */
export class BundleClaimMismatchError extends BaseError {
  override name = 'BundleClaimMismatchError' as const
  field: string
  claimed: string
  proven: string
  constructor({ field, claimed, proven }: { field: string; claimed: string; proven: string }) {
    super(`The bundle claims ${field} ${claimed}, but the proofs show ${proven}.`)
    this.field = field
    this.claimed = claimed
    this.proven = proven
  }
}

/** Re-running a call, the EVM read an account, slot or code the bundle holds no proof for. */
export class BundleStateMissingError extends BaseError {
  override name = 'BundleStateMissingError' as const
  address: string
  what: string
  constructor({ address, what }: { address: string; what: string }) {
    super(`The call reads the ${what} of ${address}, and the bundle holds no proof of it.`)
    this.address = address
    this.what = what
  }
}
