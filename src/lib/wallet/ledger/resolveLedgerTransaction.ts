import type { TransactionSerializableEIP1559 } from 'viem'
import { getLedgerTokenDescriptor, type LedgerTokenDescriptor } from './getLedgerTokenDescriptor.ts'

// transfer(address,uint256) and approve(address,uint256): the calls the Ethereum app shows in clear with a token descriptor.
const tokenSelectors = ['0xa9059cbb', '0x095ea7b3']

/** hw-app-eth's resolution object (what it sends to the device before the transaction). */
export type LedgerResolution = { erc20Tokens: string[]; nfts: string[]; externalPlugin: { payload: string; signature: string }[]; plugin: string[]; domains: never[] }

export type ResolveLedgerTransactionParameters = { transaction: TransactionSerializableEIP1559 & { chainId: number }; blob?: string }
export type ResolveLedgerTransactionReturnType = { resolution: LedgerResolution; token: LedgerTokenDescriptor | undefined }

/**
 * Clear-signing data for the device, from the build only (hw-app-eth's own resolver asks Ledger's
 * services). A token transfer to a token the build has a Ledger descriptor for is shown in clear
 * (amount and ticker); anything else is shown as raw data or needs Blind signing on the device.
 */
export async function resolveLedgerTransaction({ transaction, blob }: ResolveLedgerTransactionParameters): Promise<ResolveLedgerTransactionReturnType> {
  const resolution: LedgerResolution = { erc20Tokens: [], nfts: [], externalPlugin: [], plugin: [], domains: [] }
  const selector = transaction.data?.slice(0, 10).toLowerCase()
  if (!transaction.to || !selector || !tokenSelectors.includes(selector)) return { resolution, token: undefined }
  const token = await getLedgerTokenDescriptor({ chainId: transaction.chainId, contract: transaction.to, blob })
  if (token) resolution.erc20Tokens.push(token.hex)
  return { resolution, token }
}
