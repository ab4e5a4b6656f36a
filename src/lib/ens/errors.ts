import { type Address, type Hex, BaseError as ViemBaseError } from 'viem'
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

// viem's own CCIP-read errors, which it does not export, for src/lib/ens/offchainLookup.ts: the
// same names and messages, and on viem's BaseError, because they sit inside viem's error chain:
// getContractError walks only viem's errors to find a callback's revert data (a Universal
// Resolver's ResolverError that means "no answer" must still be found under them).

/** An EIP-3668 lookup failed (a gateway, a limit, the callback): what the contract asked for, with the cause. */
export class OffchainLookupError extends ViemBaseError {
  constructor({ callbackSelector, cause, data, extraData, sender, urls }: { callbackSelector: Hex; cause: Error & { shortMessage?: string; metaMessages?: string[] }; data: Hex; extraData: Hex; sender: Address; urls: readonly string[] }) {
    super(cause.shortMessage || 'An error occurred while fetching for an offchain result.', {
      cause,
      metaMessages: [
        ...(cause.metaMessages || []),
        ...(cause.metaMessages?.length ? [''] : []),
        'Offchain Gateway Call:',
        ...(urls ? ['  Gateway URL(s):', ...urls.map((url) => `    ${withoutCredentials(url)}`)] : []),
        `  Sender: ${sender}`,
        `  Data: ${data}`,
        `  Callback selector: ${callbackSelector}`,
        `  Extra data: ${extraData}`,
      ],
      name: 'OffchainLookupError',
    })
  }
}

/** The OffchainLookup names another contract as its sender than the one called (EIP-3668 requires them equal). */
export class OffchainLookupSenderMismatchError extends ViemBaseError {
  constructor({ sender, to }: { sender: Address; to: Address }) {
    super('Reverted sender address does not match target contract address (`to`).', {
      metaMessages: [`Contract address: ${to}`, `OffchainLookup sender address: ${sender}`],
      name: 'OffchainLookupSenderMismatchError',
    })
  }
}

/** A gateway URL as an error may show it: a contract can put a user name and password in it (viem's getUrl does the same). */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url)
    if (!parsed.username && !parsed.password) return url
    parsed.username = ''
    parsed.password = ''
    return parsed.toString()
  } catch {
    return url
  }
}
