import { BaseError } from '../errors.ts'

/** The pasted ABI is neither a JSON ABI nor a list of human-readable signatures; `line` is 1-based. */
export class AbiParseError extends BaseError {
  override name = 'AbiParseError' as const
  line: number | undefined
  reason: string
  constructor({ reason, line, cause }: { reason: string; line?: number; cause?: unknown }) {
    super(`The ABI could not be read${line === undefined ? '' : ` (line ${line})`}: ${reason}`, { cause })
    this.line = line
    this.reason = reason
  }
}

/** A function argument typed into the form does not fit its ABI type. */
export class ArgumentParseError extends BaseError {
  override name = 'ArgumentParseError' as const
  argument: string
  type: string
  constructor({ argument, type, reason }: { argument: string; type: string; reason: string }) {
    super(`${argument} (${type}): ${reason}`)
    this.argument = argument
    this.type = type
  }
}

/** The call fails in the local EVM over proven state, so nothing is built to be signed. */
export class CallWouldRevertError extends BaseError {
  override name = 'CallWouldRevertError' as const
  reason: string
  data: `0x${string}`
  block: bigint | undefined
  constructor({ reason, data, block }: { reason: string; data: `0x${string}`; block?: bigint }) {
    super(`This call would fail: ${reason}. Simulated locally over proven state${block === undefined ? '' : ` at block ${block}`}; nothing was signed.`)
    this.reason = reason
    this.data = data
    this.block = block
  }
}

/** Calldata to an address with no code at the verified block: the call would succeed and do nothing. */
export class NoContractCodeError extends BaseError {
  override name = 'NoContractCodeError' as const
  address: string
  block: bigint | undefined
  constructor({ address, block }: { address: string; block?: bigint }) {
    super(`There is no contract at ${address}${block === undefined ? '' : ` (verified at block ${block})`}: a call there would do nothing but cost the fee. Check the address and the network.`)
    this.address = address
    this.block = block
  }
}
