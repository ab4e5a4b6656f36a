import type { Abi, Address, Hex } from 'viem'
import type { VerifiedClient } from '../rpc/createVerifiedClient.ts'
import { formatEther } from 'viem'
import { decodeCalldata } from '../contract/decodeCalldata.ts'
import { CallWouldRevertError, NoContractCodeError } from '../contract/errors.ts'
import { priceTransaction } from './priceTransaction.ts'
import type { PreparedTransfer, TransferReview } from './prepareTransfer.ts'
import { verifyAddress } from './verifyAddress.ts'

export type PrepareContractCallParameters = {
  /** The verified client (src/lib/rpc): balance, nonce, gas and the failure's reason are all proven. */
  client: VerifiedClient
  chainId: number
  from: Address
  /** The contract, as entered (EIP-55 checked). */
  to: string
  data: Hex
  /** ETH sent with the call (payable functions), in wei. */
  value?: bigint
  /** The user's ABI for this contract, to decode the call on the review. */
  abi?: Abi
  baseFeePerGas: bigint
  maxPriorityFeePerGas?: bigint
  minimumNonce?: number
  /**
   * The verified block the review is read at (the head the caller saw): balance, nonce, code, gas
   * and a failure's reason are all read there, and the failure messages name it. Omitted: 'latest'.
   */
  blockNumber?: bigint
}

/**
 * Builds an EIP-1559 contract call and its review (the same shape as a transfer's, kind 'call'),
 * so it goes through the one review and send flow. Gas comes from a verified local estimate; a
 * call that fails there is refused with its decoded reason (a verified local eth_call), before
 * anything is signed.
 */
export async function prepareContractCall({ client, chainId, from, to, data, value = 0n, abi, baseFeePerGas, maxPriorityFeePerGas, minimumNonce = 0, blockNumber }: PrepareContractCallParameters): Promise<PreparedTransfer> {
  const contract = verifyAddress({ address: to })
  if (value < 0n) throw new RangeError('value must not be negative')
  // At the named block, not at 'latest' (the head when each request is made, which may have moved
  // on): "no contract at block N" must be what block N says, and the review's numbers one state.
  const [ethBalance, count, code] = await Promise.all([client.getBalance({ address: from, blockNumber }), client.getTransactionCount({ address: from, blockNumber }), client.getCode({ address: contract, blockNumber })])
  if (data !== '0x' && (!code || code === '0x')) throw new NoContractCodeError({ address: contract, block: blockNumber })
  let estimate: bigint
  try {
    estimate = await client.estimateGas({ account: from, to: contract, value, data, blockNumber })
  } catch (estimateError) {
    throw await whyItFails({ client, from, to: contract, value, data, abi, blockNumber, estimateError })
  }
  const gas = (estimate * 12n) / 10n
  const { fees, ...priced } = priceTransaction({ gas, value, ethBalance, baseFeePerGas, maxPriorityFeePerGas, block: blockNumber })
  const nonce = Math.max(count, minimumNonce)
  const transaction = { type: 'eip1559' as const, chainId, nonce, to: contract, value, data, gas, ...fees }
  const review: TransferReview = {
    kind: 'call',
    chainId,
    from,
    recipient: contract,
    token: undefined,
    symbol: 'ETH',
    amount: value,
    amountFormatted: `${formatEther(value)} ETH`,
    call: undefined,
    data,
    decoded: decodeCalldata({ data, abi }),
    nonce,
    gas,
    baseFeePerGas,
    ...fees,
    ...priced,
    ethBalance,
    tokenBalance: undefined,
  }
  return Object.freeze({ transaction: Object.freeze(transaction), review: Object.freeze(review) })
}

/** The reason a call fails, from a verified local eth_call (its revert data decoded), or the estimate's own error. */
async function whyItFails({ client, from, to, value, data, abi, blockNumber, estimateError }: { client: VerifiedClient; from: Address; to: Address; value: bigint; data: Hex; abi?: Abi; blockNumber?: bigint; estimateError: unknown }): Promise<Error> {
  try {
    await client.call({ account: from, to, value, data, blockNumber })
  } catch (callError) {
    const reverted = findReverted(callError)
    if (reverted) {
      const { revertReason } = await import('../execution/previewTransaction.ts')
      return new CallWouldRevertError({ reason: revertReason(reverted.reason, reverted.data, abi), data: reverted.data, block: blockNumber })
    }
    return callError as Error
  }
  return estimateError as Error
}

function findReverted(error: unknown): { reason: string; data: Hex } | undefined {
  for (let e = error as { name?: string; cause?: unknown; reason?: string; data?: Hex } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++)
    if (e.name === 'CallRevertedError' && e.data !== undefined) return { reason: e.reason ?? 'revert', data: e.data }
  return undefined
}
