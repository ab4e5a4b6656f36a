import type { Address, Hash, Transaction, TransactionSerializableEIP1559 } from 'viem'
import { WalletSentDifferentTransactionError } from './errors.ts'

export type VerifyWalletTransactionParameters = {
  hash: Hash
  /** Who reviewed and asked. */
  from: Address
  /** What Latchkey asked the wallet to send (eth_sendTransaction). */
  asked: TransactionSerializableEIP1559 & { chainId: number; nonce: number }
  /** What the wallet broadcast: the transaction with that hash from its verified block, sender recovered from the signature. */
  found: Pick<Transaction, 'from' | 'to' | 'value' | 'input' | 'nonce' | 'gas'> & { chainId?: number; maxFeePerGas?: bigint }
}

const lower = (v: string | null | undefined) => (v ?? '').toLowerCase()

/**
 * A wallet that sends for us (eth_sendTransaction) may change what it sends: everything the user
 * reviewed must be as asked, and the fee cap (gas x maxFeePerGas) may not be above the reviewed one.
 * Gas and fees themselves may differ (wallets re-price); paying more than the review's maximum may not.
 */
export function verifyWalletTransaction({ hash, from, asked, found }: VerifyWalletTransactionParameters): void {
  const differs = (field: string, a: string, s: string) => {
    throw new WalletSentDifferentTransactionError({ hash, field, asked: a, sent: s })
  }
  if (lower(found.from) !== lower(from)) differs('the sender', from, found.from)
  if (lower(found.to) !== lower(asked.to)) differs('the recipient', asked.to ?? 'none', found.to ?? 'none')
  if (found.value !== (asked.value ?? 0n)) differs('the value (wei)', String(asked.value ?? 0n), String(found.value))
  if (lower(found.input) !== lower(asked.data ?? '0x')) differs('the call data', asked.data ?? '0x', found.input)
  if (found.nonce !== asked.nonce) differs('the nonce', String(asked.nonce), String(found.nonce))
  if (found.chainId !== undefined && found.chainId !== asked.chainId) differs('the chain id', String(asked.chainId), String(found.chainId))
  const cap = (asked.gas ?? 0n) * (asked.maxFeePerGas ?? 0n)
  const sentCap = found.gas * (found.maxFeePerGas ?? 0n)
  if (found.maxFeePerGas === undefined || sentCap > cap) differs('the maximum fee (wei)', String(cap), found.maxFeePerGas === undefined ? 'not an EIP-1559 fee' : String(sentCap))
}
