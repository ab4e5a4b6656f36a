import type { Address, Hex, LocalAccount, TransactionSerializableEIP1559 } from 'viem'
import { SignerMismatchError } from './errors.ts'

export type SignTransferParameters = {
  /** From getAccountSigner (unlocked vault) or createExternalSigner. */
  account: LocalAccount
  /** The reviewed sender. */
  from: Address
  transaction: TransactionSerializableEIP1559
}

/** Signs the reviewed transaction, refusing a signer other than the reviewed sender. */
export async function signTransfer({ account, from, transaction }: SignTransferParameters): Promise<Hex> {
  if (account.address.toLowerCase() !== from.toLowerCase()) throw new SignerMismatchError({ expected: from, actual: account.address })
  return account.signTransaction(transaction)
}
