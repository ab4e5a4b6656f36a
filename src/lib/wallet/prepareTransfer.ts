import type { Address, Hex, TransactionSerializableEIP1559 } from 'viem'
import { decodeFunctionData, encodeFunctionData, erc20Abi, formatUnits } from 'viem'
import type { DecodedCall } from '../contract/decodeCalldata.ts'
import { priceTransaction } from './priceTransaction.ts'
import { InsufficientBalanceError } from './errors.ts'
import type { Token } from './token.ts'
import { verifyAddress } from './verifyAddress.ts'
import type { VerifiedClient } from '../rpc/createVerifiedClient.ts'

export type PrepareTransferParameters = {
  /** Reads go through this client; in the app it is the verified one from src/lib/rpc. */
  client: VerifiedClient
  chainId: number
  from: Address
  /** Recipient as entered; validated (EIP-55) here. */
  to: string
  /** Base units (see parseAmount). */
  amount: bigint
  /** Omit for ETH. */
  token?: Token
  /** Base fee of the latest verified header. */
  baseFeePerGas: bigint
  maxPriorityFeePerGas?: bigint
  /** Use at least this nonce (e.g. one above this wallet's own pending transactions). */
  minimumNonce?: number
  /**
   * The verified block the review is read at (the head the caller saw): balance, token balance,
   * nonce and gas are all read there, and a refusal names it. Omitted: 'latest'.
   */
  blockNumber?: bigint
}

/** Everything the review screen shows, decoded from the exact transaction that will be signed. */
export type TransferReview = {
  /** 'call': a contract call built on the Contract screen (recipient is then the contract, amount the ETH value). */
  kind: 'eth' | 'erc20' | 'call'
  chainId: number
  from: Address
  recipient: Address
  token: Token | undefined
  symbol: string
  amount: bigint
  amountFormatted: string
  /** For ERC-20: the decoded call on the token contract. */
  call: { to: Address; functionName: 'transfer'; args: readonly [Address, bigint] } | undefined
  /** For 'call': the calldata and what it decodes to (the user's ABI or a known standard), if anything. */
  data?: Hex
  decoded?: DecodedCall
  nonce: number
  gas: bigint
  baseFeePerGas: bigint
  maxFeePerGas: bigint
  maxPriorityFeePerGas: bigint
  /** gas x (base fee + tip): what it costs if the base fee stays. */
  expectedFee: bigint
  /** gas x maxFeePerGas: the most it can cost. */
  maxFee: bigint
  /** ETH leaving the account at most: value + maxFee. */
  maxTotalEth: bigint
  ethBalance: bigint
  tokenBalance: bigint | undefined
  formatted: { expectedFee: string; maxFee: string; maxTotalEth: string }
}
export type PreparedTransfer = { transaction: TransactionSerializableEIP1559 & { chainId: number; nonce: number; gas: bigint }; review: TransferReview }

/** Builds an EIP-1559 ETH or ERC-20 transfer and its review, refusing what the balances cannot cover. */
export async function prepareTransfer({
  client,
  chainId,
  from,
  to,
  amount,
  token,
  baseFeePerGas,
  maxPriorityFeePerGas,
  minimumNonce = 0,
  blockNumber,
}: PrepareTransferParameters): Promise<PreparedTransfer> {
  const recipient = verifyAddress({ address: to })
  if (amount <= 0n) throw new RangeError('amount must be positive')
  const data: Hex | undefined = token
    ? encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [recipient, amount] })
    : undefined
  const txTo = token ? token.address : recipient
  const value = token ? 0n : amount

  // At the named block, not at 'latest' (the head when each request is made, which may have moved
  // on): the review's balances, nonce and gas are one verified state, the one it names.
  const [ethBalance, tokenBalance, count] = await Promise.all([
    client.getBalance({ address: from, blockNumber }),
    token ? client.readContract({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [from], blockNumber }) : undefined,
    client.getTransactionCount({ address: from, blockNumber }),
  ])
  const symbol = token?.symbol ?? 'ETH'
  const decimals = token?.decimals ?? 18
  const spendable = token ? tokenBalance! : ethBalance
  if (amount > spendable) throw new InsufficientBalanceError({ amount, balance: spendable, symbol, format: (v) => formatUnits(v, decimals), block: blockNumber })

  const estimate = await client.estimateGas({ account: from, to: txTo, value, data, blockNumber })
  // A plain transfer to an account costs exactly 21000; contract code may vary between estimate and inclusion.
  const gas = estimate === 21000n ? estimate : (estimate * 12n) / 10n
  const { fees, ...priced } = priceTransaction({ gas, value, ethBalance, baseFeePerGas, maxPriorityFeePerGas, block: blockNumber })
  const nonce = Math.max(count, minimumNonce)
  const transaction = { type: 'eip1559' as const, chainId, nonce, to: txTo, value, data, gas, ...fees }
  const decoded = data ? decodeFunctionData({ abi: erc20Abi, data }) : undefined
  const review: TransferReview = {
    kind: token ? 'erc20' : 'eth',
    chainId,
    from,
    recipient,
    token,
    symbol,
    amount,
    amountFormatted: `${formatUnits(amount, decimals)} ${symbol}`,
    call: decoded ? { to: txTo, functionName: 'transfer', args: decoded.args as readonly [Address, bigint] } : undefined,
    nonce,
    gas,
    baseFeePerGas,
    ...fees,
    ...priced,
    ethBalance,
    tokenBalance,
  }
  // Frozen: what is signed must be exactly what was reviewed.
  return Object.freeze({ transaction: Object.freeze(transaction), review: Object.freeze(review) })
}
