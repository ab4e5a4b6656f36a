import { formatEther, formatGwei, formatUnits } from 'viem'
import { formatAge } from '../lib/consensus/formatAge.ts'
import type { TransferReview } from '../lib/wallet/prepareTransfer.ts'
import type { Token } from '../lib/wallet/token.ts'
import type { VerifiedAgainst } from './verifiedAgainst.ts'
import type { WaitForVerifiedReceiptReturnType } from './waitForVerifiedReceipt.ts'

/** What `send --json` prints (bigints as decimal strings); `receipt` only with --wait. */
export type SendReport = {
  kind: 'send'
  from: string
  to: string
  /** token: the ERC-20 contract, null for ETH; impersonates: a listed token whose symbol it copies. */
  asset: { symbol: string; decimals: number; token: string | null; impersonates: string | null }
  amount: string
  amountFormatted: string
  nonce: number
  gas: string
  baseFeePerGas: string
  maxPriorityFeePerGas: string
  maxFeePerGas: string
  expectedFee: string
  maxFee: string
  maxTotalEth: string
  /** The verified block the balance, nonce, gas and base fee were read at. */
  readAt: VerifiedAgainst
  hash: string
  receipt?: WaitForVerifiedReceiptReturnType
}

type ReviewInput = { review: TransferReview; impersonates: Token | undefined; against: VerifiedAgainst }

export function describeSend({ review: r, impersonates, against, hash }: ReviewInput & { hash: string }): SendReport {
  return {
    kind: 'send',
    from: r.from,
    to: r.recipient,
    asset: { symbol: r.symbol, decimals: r.token?.decimals ?? 18, token: r.token?.address ?? null, impersonates: impersonates?.address ?? null },
    amount: r.amount.toString(),
    amountFormatted: r.amountFormatted,
    nonce: r.nonce,
    gas: r.gas.toString(),
    baseFeePerGas: r.baseFeePerGas.toString(),
    maxPriorityFeePerGas: r.maxPriorityFeePerGas.toString(),
    maxFeePerGas: r.maxFeePerGas.toString(),
    expectedFee: r.expectedFee.toString(),
    maxFee: r.maxFee.toString(),
    maxTotalEth: r.maxTotalEth.toString(),
    readAt: against,
    hash,
  }
}

/** The review shown before signing, decoded from the exact transaction that will be signed. */
export function formatSendReview({ review: r, impersonates, against }: ReviewInput): string {
  const asset = r.token ? `${r.symbol} (ERC-20 ${r.token.address}, ${r.token.decimals} decimals)` : 'ETH'
  const total = r.token ? `${r.amountFormatted} + at most ${formatEther(r.maxFee)} ETH in fees` : `at most ${formatEther(r.maxTotalEth)} ETH`
  return [
    `from      ${r.from}`,
    `to        ${r.recipient}`,
    `asset     ${asset}`,
    ...(impersonates ? [`WARNING   the listed ${impersonates.symbol} is ${impersonates.address}; this token only copies its symbol`] : []),
    `amount    ${r.amountFormatted}`,
    `nonce     ${r.nonce}   gas ${r.gas}   chain id ${r.chainId}`,
    `fees      base ${formatGwei(r.baseFeePerGas)} gwei + tip ${formatGwei(r.maxPriorityFeePerGas)} gwei (max ${formatGwei(r.maxFeePerGas)} gwei per gas)`,
    `fee       ${formatEther(r.expectedFee)} ETH expected, at most ${formatEther(r.maxFee)} ETH`,
    `total     ${total}`,
    `balance   ${formatEther(r.ethBalance)} ETH${r.token ? `, ${formatUnits(r.tokenBalance!, r.token.decimals)} ${r.symbol}` : ''}`,
    `read at   verified block ${against.blockNumber} ${against.blockHash}${against.slot === undefined ? '' : `, slot ${against.slot}`}, ${formatAge({ seconds: against.ageSeconds })} ago`,
  ].join('\n')
}
