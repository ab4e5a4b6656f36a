import type { TransactionSerializableEIP1559 } from 'viem'
import { getLedgerTokenDescriptor, type LedgerTokenDescriptor } from './getLedgerTokenDescriptor.ts'

// transfer(address,uint256) and approve(address,uint256): the calls the Ethereum app shows in clear with a token descriptor.
const tokenSelectors = ['0xa9059cbb', '0x095ea7b3']

export type ResolveLedgerTransactionParameters = { transaction: TransactionSerializableEIP1559 & { chainId: number }; blob?: string }
export type ResolveLedgerTransactionReturnType = { token: LedgerTokenDescriptor | undefined }

/**
 * Clear-signing data for the device, from the build only (never from Ledger's services). A token
 * transfer or approval to a token the build has a Ledger descriptor for is shown in clear (amount
 * and ticker); anything else is shown as raw data or needs Blind signing on the device.
 */
export async function resolveLedgerTransaction({ transaction, blob }: ResolveLedgerTransactionParameters): Promise<ResolveLedgerTransactionReturnType> {
  const selector = transaction.data?.slice(0, 10).toLowerCase()
  if (!transaction.to || !selector || !tokenSelectors.includes(selector)) return { token: undefined }
  return { token: await getLedgerTokenDescriptor({ chainId: transaction.chainId, contract: transaction.to, blob }) }
}
