import { hexToBigInt } from 'viem'
import type { Address, Hex, RpcReceipt } from '../execution/types.ts'
import type { RpcWithdrawal } from '../execution/verifyWithdrawals.ts'
import type { VerifiedBlock } from '../rpc/getVerifiedBlock.ts'
import type { HistoryTransfer } from './types.ts'

export type GetEthTransfersParameters = {
  /** A verified block (senders recovered from signatures) and its verified receipts. */
  block: VerifiedBlock
  receipts: RpcReceipt[]
  address: Address
  /** The account's proven balance after the parent block and after this one. */
  balanceBefore: bigint
  balanceAfter: bigint
}

/**
 * The ETH movements of one block for the address: successful transactions' values to and from it,
 * withdrawals to it, fees it paid and, as its block's fee recipient, earned. Whatever of the proven
 * balance change those do not explain moved inside some transaction's execution (a contract paying
 * out, a WETH unwrap): it is listed as one 'internal' movement of the block, naming its transaction
 * only when the block has just one (receipts do not say which call moved ETH).
 */
export function getEthTransfers({ block, receipts, address, balanceBefore, balanceAfter }: GetEthTransfersParameters): HistoryTransfer[] {
  const account = address.toLowerCase()
  const blockNumber = hexToBigInt(block.number)
  const baseFee = block.baseFeePerGas ? hexToBigInt(block.baseFeePerGas) : 0n
  const transfers: HistoryTransfer[] = []
  let explained = 0n
  for (const [index, tx] of block.transactions.entries()) {
    const receipt = receipts[index]
    const from = tx.from?.toLowerCase()
    const to = (tx.to ?? undefined)?.toLowerCase()
    const value = hexToBigInt((tx.value as Hex | undefined) ?? '0x0')
    const ok = receipt.status === undefined || receipt.status === null || hexToBigInt(receipt.status) === 1n
    const gasUsed = hexToBigInt(receipt.gasUsed ?? '0x0')
    const price = hexToBigInt((tx.gasPrice as Hex | undefined) ?? '0x0')
    // Blob fees are not counted (the receipt's blob gas price is not committed to): they show as 'internal'.
    if (from === account) explained -= gasUsed * price
    if (block.miner?.toLowerCase() === account && price > baseFee) explained += gasUsed * (price - baseFee)
    if (!ok || value === 0n || (from !== account && to !== account)) continue
    if (from === account) explained -= value
    if (to === account) explained += value
    transfers.push({ hash: tx.hash.toLowerCase() as Hex, blockNumber, from: from as Address, to: (to ?? null) as Address | null, asset: 'ETH', value, source: 'transaction', index })
  }
  for (const [index, w] of ((block.withdrawals ?? []) as RpcWithdrawal[]).entries()) {
    if (w.address.toLowerCase() !== account) continue
    const value = hexToBigInt(w.amount as Hex) * 1_000_000_000n
    explained += value
    transfers.push({ hash: null, blockNumber, from: null, to: account as Address, asset: 'ETH', value, source: 'withdrawal', index })
  }
  const residual = balanceAfter - balanceBefore - explained
  // With one transaction in the block, nothing else can have moved it: that transaction did.
  if (residual !== 0n)
    transfers.push({
      hash: block.transactions.length === 1 ? (block.transactions[0].hash.toLowerCase() as Hex) : null,
      blockNumber,
      from: residual < 0n ? (account as Address) : null,
      to: residual > 0n ? (account as Address) : null,
      asset: 'ETH',
      value: residual < 0n ? -residual : residual,
      source: 'internal',
      index: block.transactions.length,
    })
  return transfers
}
