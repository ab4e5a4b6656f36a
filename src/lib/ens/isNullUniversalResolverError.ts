import { BaseError, ContractFunctionRevertedError } from 'viem'

// The Universal Resolver's errors that viem's getEnsAddress, getEnsName and getEnsText read as
// "no answer" (viem/_esm/utils/ens/errors.js, not exported): no resolver, no record, a profile the
// resolver lacks, a primary name that does not resolve back, a gateway that failed.
const noAnswer = new Set(['HttpError', 'ResolverError', 'ResolverNotContract', 'ResolverNotFound', 'ReverseAddressMismatch', 'UnsupportedResolverProfile'])

/** True when a Universal Resolver read failed because the name (or address) has no answer, not because the read failed. */
export function isNullUniversalResolverError(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false
  const cause = error.walk((e) => e instanceof ContractFunctionRevertedError)
  return cause instanceof ContractFunctionRevertedError && noAnswer.has(cause.data?.errorName ?? '')
}
