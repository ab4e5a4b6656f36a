import { type Address, getAddress } from 'viem'
import { type LedgerTransport, createLedgerEth, toLedgerError } from './createLedgerEth.ts'
import { type LedgerPathScheme, ledgerPath } from './ledgerPath.ts'

export type ListLedgerAddressesParameters = { transport: LedgerTransport; scheme: LedgerPathScheme; start?: number; count?: number }
export type LedgerAddress = { path: string; index: number; address: Address }
export type ListLedgerAddressesReturnType = LedgerAddress[]

/** The addresses the device derives on a path scheme (no confirmation on the device: that is verifyLedgerAddress). */
export async function listLedgerAddresses({ transport, scheme, start = 0, count = 5 }: ListLedgerAddressesParameters): Promise<ListLedgerAddressesReturnType> {
  const eth = createLedgerEth({ transport })
  const out: LedgerAddress[] = []
  // One at a time: the device answers one APDU after another anyway.
  for (let index = start; index < start + count; index++) {
    const path = ledgerPath({ scheme, index })
    const answer = await eth.getAddress({ path }).catch((e) => { throw toLedgerError(e) })
    out.push({ path, index, address: getAddress(answer.address) })
  }
  return out
}
