import type { Address } from 'viem'
import { getAddress, isAddress } from 'viem'
import { InvalidAddressChecksumError, InvalidAddressError } from './errors.ts'

export type VerifyAddressParameters = { address: string }
/** The EIP-55 checksummed address. */
export type VerifyAddressReturnType = Address

/**
 * Validates user-entered addresses (https://eips.ethereum.org/EIPS/eip-55): all-lower and
 * all-upper hex carry no checksum and are accepted; mixed case must match the checksum.
 */
export function verifyAddress({ address }: VerifyAddressParameters): VerifyAddressReturnType {
  const trimmed = address.trim()
  if (!isAddress(trimmed, { strict: false })) throw new InvalidAddressError({ address: trimmed })
  const digits = trimmed.slice(2)
  const expected = getAddress(trimmed)
  const mixed = digits !== digits.toLowerCase() && digits !== digits.toUpperCase()
  if (mixed && trimmed !== expected) throw new InvalidAddressChecksumError({ address: trimmed, expected })
  return expected
}
