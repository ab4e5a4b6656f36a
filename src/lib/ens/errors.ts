import { BaseError } from '../errors.ts'

/** The text is not a name ENSIP-15 accepts (viem's normalize refused it). */
export class EnsNameInvalidError extends BaseError {
  override name = 'EnsNameInvalidError' as const
  input: string
  reason: string
  constructor({ input, reason }: { input: string; reason: string }) {
    super(`"${input}" is not a valid ENS name: ${reason}`)
    this.input = input
    this.reason = reason
  }
}

/** This network has no ENS Universal Resolver in its configuration, so names cannot be looked up. */
export class EnsUnavailableError extends BaseError {
  override name = 'EnsUnavailableError' as const
  network: string
  constructor({ network }: { network: string }) {
    super(`ENS names cannot be resolved on ${network}: it has no ENS Universal Resolver configured.`)
    this.network = network
  }
}

/**
 * The name's answer would come from an offchain gateway (CCIP-read, EIP-3668), which the chain
 * cannot vouch for, and offchain answers are refused (the default; Settings can allow them, marked unverified).
 */
export class EnsOffchainRefusedError extends BaseError {
  override name = 'EnsOffchainRefusedError' as const
  input: string
  /** the gateways' hosts the resolver pointed at */
  gateways: string[]
  constructor({ input, gateways }: { input: string; gateways: string[] }) {
    super(`${input} is answered offchain by ${gateways.join(', ') || 'a gateway'} (CCIP-read), which the chain cannot verify; offchain names are refused.`, {
      metaMessages: ['To use it anyway, allow offchain ENS answers in Settings (they are then shown as unverified), or paste the address itself.'],
    })
    this.input = input
    this.gateways = gateways
  }
}

/** The name has no address record (or no resolver): nothing to send to. */
export class EnsNameNotFoundError extends BaseError {
  override name = 'EnsNameNotFoundError' as const
  input: string
  constructor({ input }: { input: string }) {
    super(`${input} does not resolve to an address (verified: the name has no resolver or no address record).`)
    this.input = input
  }
}

/** A release record whose contenthash is not an IPFS CID (ENSIP-7: 0xe3 0x01, then the CID's bytes). */
export class ReleaseRecordInvalidError extends BaseError {
  override name = 'ReleaseRecordInvalidError' as const
  input: string
  contenthash: string
  constructor({ input, contenthash, reason }: { input: string; contenthash: string; reason: string }) {
    super(`${input}'s contenthash is not an IPFS CID: ${reason}`, { metaMessages: [`contenthash: ${contenthash.slice(0, 80)}`] })
    this.input = input
    this.contenthash = contenthash
  }
}
