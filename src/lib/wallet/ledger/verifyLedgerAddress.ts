import { type Address, getAddress } from 'viem'
import { type LedgerTransport, createLedgerEth, toLedgerError } from './createLedgerEth.ts'
import { LedgerAddressMismatchError } from './errors.ts'

export type VerifyLedgerAddressParameters = {
  transport: LedgerTransport
  path: string
  address: Address
  /** Show the address on the device and wait for the user to approve it there (the check against a compromised page). */
  display?: boolean
  chainId?: number
}

/** Checks that the device derives `address` at `path`; with `display`, the user confirms it on the device's own screen. */
export async function verifyLedgerAddress({ transport, path, address, display = false, chainId }: VerifyLedgerAddressParameters): Promise<Address> {
  const eth = createLedgerEth({ transport })
  const answer = await eth.getAddress({ path, display, chainId }).catch((e) => { throw toLedgerError(e) })
  const actual = getAddress(answer.address)
  const expected = getAddress(address)
  if (actual !== expected) throw new LedgerAddressMismatchError({ path, expected, actual })
  return actual
}
