import { isProvenFault } from '../lib/consensus/errors.ts'
import { VerificationError } from '../lib/execution/errors.ts'
import { isGatewayFault } from '../lib/ipfs/errors.ts'

/** Exit codes of `latchkey`: 0 only when everything printed was verified. */
export const ExitCode = {
  ok: 0,
  /** Verified, but the call reverted (the revert itself is verified). */
  reverted: 1,
  usage: 2,
  verification: 3,
  network: 4,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

const usageErrors = new Set([
  'UsageError', 'InvalidParamsError', 'UnknownNetworkError', 'InvalidNetworkConfigError', 'DevnetInfoError',
  // send: nothing was signed or broadcast; the wallet's message says what to fix.
  'CliFileError', 'SendCancelledError', 'InvalidAddressError', 'InvalidAddressChecksumError', 'InvalidAmountError',
  'TooManyDecimalsError', 'InsufficientBalanceError', 'InsufficientFundsForFeeError', 'WrongPasswordError',
  'KeystoreFormatError', 'KeystoreParametersRejectedError', 'KeystoreAddressMismatchError', 'TokenContractError',
  // verify-app: the checkout could not be built (nothing was compared).
  'BuildFailedError',
  // resolve: not a name ENSIP-15 accepts.
  'EnsNameInvalidError',
])
const verificationErrors = new Set([
  'CheckpointTooOldError', 'CheckpointConflictError', 'BlockNotVerifiableError', 'HeaderNotAvailableError', 'CorruptSavedStateError', 'UnusableUpdateError',
  // verify-app --build: the deployed copy is not the build of this source.
  'BuildMismatchError', 'UnsupportedBlockError',
  // resolve: the answer would come from an offchain gateway, which nothing here can verify.
  'EnsOffchainRefusedError',
])

/**
 * Usage (2) when the command line or local config is wrong; verification (3) when some answer
 * failed a check, or nothing could be verified; network (4) when endpoints could not be reached
 * or did not answer usefully. A pool/provider failure counts as verification when any endpoint
 * was caught with data that does not verify.
 */
export function exitCodeOf(error: unknown): ExitCode {
  const name = (error as Error)?.name ?? ''
  if (name === 'CallRevertedError') return ExitCode.reverted
  if (usageErrors.has(name)) return ExitCode.usage
  if (isVerificationFailure(error)) return ExitCode.verification
  if (verificationErrors.has(name)) return ExitCode.verification
  // No trusted start: a network failure when nobody answered, else no agreement (nothing verifiable).
  if (name === 'NoCheckpointError') return /no beacon API answered/.test((error as Error).message) ? ExitCode.network : ExitCode.verification
  return ExitCode.network
}

function isVerificationFailure(error: unknown, depth = 0): boolean {
  if (depth > 4 || !error || typeof error !== 'object') return false
  if (isProvenFault(error) || isGatewayFault(error) || error instanceof VerificationError) return true
  const e = error as { errors?: unknown[]; cause?: unknown; name?: string }
  // Pools: AllEndpointsFailedError { errors: { endpoint, error }[] }, AllProvidersFailedError { errors: Error[] }.
  if (Array.isArray(e.errors))
    return e.errors.some((x) => isVerificationFailure((x as { error?: unknown })?.error ?? x, depth + 1))
  return false
}
