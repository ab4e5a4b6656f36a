import { ProvenFaultError } from '../endpoints/errors.ts'
import { BaseError } from '../errors.ts'
import type { Address, Hex } from './types.ts'

/**
 * Base of every "the data does not match what is trusted" error: a provider that serves data
 * failing one of these checks is lying or broken, and the RPC layer marks it faulty.
 */
export class VerificationError extends ProvenFaultError {
  override name: string = 'VerificationError'
  /** The RPC that served the data (set by the RPC client: the verifiers are pure and never see it). */
  url: string | undefined

  /** Names the provider that served the data that failed, in `url` and in the message. */
  blame(url: string): this {
    if (this.url !== undefined) return this
    this.url = url
    this.metaMessages = [...(this.metaMessages ?? []), `served by: ${url}`]
    this.message = [this.shortMessage, '', ...this.metaMessages, ...(this.details ? ['', `Details: ${this.details}`] : [])].join('\n')
    return this
  }
}

/** The account proof does not lead from the state root to this address (bad node, missing node, wrong root). */
export class InvalidAccountProofError extends VerificationError {
  override name = 'InvalidAccountProofError' as const
  address: Address
  stateRoot: Hex
  constructor({ address, stateRoot, cause }: { address: Address; stateRoot: Hex; cause?: unknown }) {
    super(`The account proof for ${address} does not verify against state root ${stateRoot}.`, {
      cause,
      details: cause instanceof Error ? cause.message : undefined,
    })
    this.address = address
    this.stateRoot = stateRoot
  }
}

/** The proof verifies, but the provider's claimed account fields differ from the proven leaf. */
export class AccountProofMismatchError extends VerificationError {
  override name = 'AccountProofMismatchError' as const
  address: Address
  field: string
  claimed: string
  proven: string
  constructor({ address, field, claimed, proven }: { address: Address; field: string; claimed: string; proven: string }) {
    super(`The provider's ${field} for ${address} does not match the proof.`, {
      metaMessages: [`claimed: ${claimed}`, `proven:  ${proven}`],
    })
    this.address = address
    this.field = field
    this.claimed = claimed
    this.proven = proven
  }
}

/** The storage proof does not lead from the account's storage root to this slot. */
export class InvalidStorageProofError extends VerificationError {
  override name = 'InvalidStorageProofError' as const
  address: Address
  slot: Hex
  storageRoot: Hex
  constructor({ address, slot, storageRoot, cause }: { address: Address; slot: Hex; storageRoot: Hex; cause?: unknown }) {
    super(`The storage proof for slot ${slot} of ${address} does not verify against storage root ${storageRoot}.`, {
      cause,
      details: cause instanceof Error ? cause.message : undefined,
    })
    this.address = address
    this.slot = slot
    this.storageRoot = storageRoot
  }
}

/** The storage proof verifies, but the provider's claimed value differs from the proven one. */
export class StorageValueMismatchError extends VerificationError {
  override name = 'StorageValueMismatchError' as const
  address: Address
  slot: Hex
  claimed: Hex
  proven: Hex
  constructor({ address, slot, claimed, proven }: { address: Address; slot: Hex; claimed: Hex; proven: Hex }) {
    super(`The provider's value for slot ${slot} of ${address} does not match the proof.`, {
      metaMessages: [`claimed: ${claimed}`, `proven:  ${proven}`],
    })
    this.address = address
    this.slot = slot
    this.claimed = claimed
    this.proven = proven
  }
}

/** The code served for an account does not hash to the account's proven code hash. */
export class CodeHashMismatchError extends VerificationError {
  override name = 'CodeHashMismatchError' as const
  address: Address
  expected: Hex
  computed: Hex
  constructor({ address, expected, computed }: { address: Address; expected: Hex; computed: Hex }) {
    super(`The code served for ${address} does not match its proven code hash.`, {
      metaMessages: [`proven code hash: ${expected}`, `hash of the code: ${computed}`],
    })
    this.address = address
    this.expected = expected
    this.computed = computed
  }
}

/** A block header's recomputed hash is not the trusted block hash. */
export class BlockHeaderHashMismatchError extends VerificationError {
  override name = 'BlockHeaderHashMismatchError' as const
  expected: Hex
  computed: Hex
  number: string
  constructor({ expected, computed, number }: { expected: Hex; computed: Hex; number: string }) {
    super(`The header served for block ${number} does not hash to the trusted block hash.`, {
      metaMessages: [`trusted hash:    ${expected}`, `recomputed hash: ${computed}`],
    })
    this.expected = expected
    this.computed = computed
    this.number = number
  }
}

/** A block header is malformed (a field missing, or a later fork's field without an earlier one). */
export class InvalidBlockHeaderError extends VerificationError {
  override name = 'InvalidBlockHeaderError' as const
  field: string
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`The block header is malformed: ${field} ${reason}.`)
    this.field = field
  }
}

/** The receipts trie rebuilt from the served receipts does not have the trusted receipts root. */
export class ReceiptsRootMismatchError extends VerificationError {
  override name = 'ReceiptsRootMismatchError' as const
  expected: Hex
  computed: Hex
  count: number
  constructor({ expected, computed, count }: { expected: Hex; computed: Hex; count: number }) {
    super(`The ${count} receipts served do not rebuild the trusted receipts root.`, {
      metaMessages: [`trusted root:  ${expected}`, `rebuilt root:  ${computed}`],
    })
    this.expected = expected
    this.computed = computed
    this.count = count
  }
}

/** A receipt's fields outside the receipts trie (block hash, index, log index...) contradict the verified ones. */
export class InvalidReceiptError extends VerificationError {
  override name = 'InvalidReceiptError' as const
  index: number
  field: string
  constructor({ index, field, reason }: { index: number; field: string; reason: string }) {
    super(`Receipt ${index} is inconsistent: ${field} ${reason}.`)
    this.index = index
    this.field = field
  }
}

/** A proof with no nodes for a trie that is not empty (it proves nothing; the caller names the proof). */
export class EmptyProofError extends BaseError {
  override name = 'EmptyProofError' as const
  constructor() {
    super('The proof has no nodes, but the trie is not empty.')
  }
}

/** The local EVM could not run the call (not the call reverting: that is a normal result). */
export class CallExecutionError extends BaseError {
  override name = 'CallExecutionError' as const
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The call could not be executed locally: ${reason}.`, { cause })
  }
}

/** A served transaction does not hash to its claimed hash. */
export class TransactionHashMismatchError extends VerificationError {
  override name = 'TransactionHashMismatchError' as const
  index: number
  claimed: Hex
  computed: Hex
  constructor({ index, claimed, computed }: { index: number; claimed: Hex; computed: Hex }) {
    super(`Transaction ${index} of the block does not hash to its claimed hash.`, { metaMessages: [`claimed:  ${claimed}`, `computed: ${computed}`] })
    this.index = index
    this.claimed = claimed
    this.computed = computed
  }
}

/** The transactions trie rebuilt from the served transactions does not have the verified root. */
export class TransactionsRootMismatchError extends VerificationError {
  override name = 'TransactionsRootMismatchError' as const
  expected: Hex
  computed: Hex
  count: number
  constructor({ expected, computed, count }: { expected: Hex; computed: Hex; count: number }) {
    super(`The ${count} transactions served do not rebuild the verified transactions root.`, { metaMessages: [`trusted root: ${expected}`, `rebuilt root: ${computed}`] })
    this.expected = expected
    this.computed = computed
    this.count = count
  }
}

/** The withdrawals trie rebuilt from the served withdrawals does not have the verified root. */
export class WithdrawalsRootMismatchError extends VerificationError {
  override name = 'WithdrawalsRootMismatchError' as const
  expected: Hex
  computed: Hex
  constructor({ expected, computed }: { expected: Hex; computed: Hex }) {
    super('The withdrawals served do not rebuild the verified withdrawals root.', { metaMessages: [`trusted root: ${expected}`, `rebuilt root: ${computed}`] })
    this.expected = expected
    this.computed = computed
  }
}

/** A provider placed a transaction in a block whose verified transaction list does not contain it. */
export class TransactionNotInBlockError extends VerificationError {
  override name = 'TransactionNotInBlockError' as const
  hash: Hex
  blockNumber: string
  constructor({ hash, blockNumber }: { hash: Hex; blockNumber: string }) {
    super(`The provider says transaction ${hash} is in block ${blockNumber}, but the verified block does not contain it.`)
    this.hash = hash
    this.blockNumber = blockNumber
  }
}

/**
 * Some state the transaction touches could not be proven (a proof failed, or no provider answered):
 * no preview is shown rather than a partial one. `errors` holds the failure, so the pool's
 * classification (a forgery vs an outage) carries through.
 */
export class PreviewNotProvenError extends BaseError {
  override name = 'PreviewNotProvenError' as const
  errors: Error[]
  constructor({ cause }: { cause: unknown }) {
    const error = cause instanceof Error ? cause : new Error(String(cause))
    super('No balance-change preview: some state the transaction touches could not be proven.', {
      cause,
      metaMessages: [`${error.name}: ${(error as BaseError).shortMessage ?? error.message}`],
    })
    this.errors = [error]
  }
}
