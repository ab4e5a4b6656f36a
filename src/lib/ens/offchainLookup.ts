import { type Address, BaseError, type Client, type Hex, HttpRequestError, concat, decodeErrorResult, encodeAbiParameters, isAddressEqual, offchainLookupAbiItem, offchainLookupSignature } from 'viem'
import { call } from '../rpc/actions/call.ts'
import { OffchainLookupError, OffchainLookupSenderMismatchError } from './errors.ts'
import { type CcipReadBudget, type CcipRequest, ccipReadLimit, createCcipReadBudget, localBatchGatewayRequest, localBatchGatewayUrl } from './localBatchGatewayRequest.ts'

export type OffchainLookupParameters = {
  /** the `OffchainLookup(sender, urls, callData, callbackFunction, extraData)` revert data */
  data: Hex
  /** the contract that reverted with it */
  to: Address
  blockNumber?: bigint
  ccipRequest: CcipRequest
  budget?: CcipReadBudget
  depth?: number
}

/**
 * EIP-3668 as viem's `offchainLookup` runs it (viem/_esm/utils/ccip.js), over the verified
 * client's own `call`: viem's imports viem's `call` and with it the deployless-call and
 * signature-validator bytecodes (8 kB gzip) that ENS never runs. The gateway's answer goes back
 * to the contract's callback, which runs over the verified transport like any call; a nested
 * OffchainLookup comes back here, at most 4 deep, all under one budget (localBatchGatewayRequest.ts).
 */
export async function offchainLookup(client: Client, { data, to, blockNumber, ccipRequest, budget = createCcipReadBudget(), depth = 0 }: OffchainLookupParameters): Promise<Hex> {
  const { args: [sender, urls, callData, callbackSelector, extraData] } = decodeErrorResult({ data, abi: [offchainLookupAbiItem] })
  // viem passes the transport's timeout to each gateway request; none set means ccipRequest's 10 s.
  const timeout = client.transport.timeout as number | undefined
  try {
    if (depth >= ccipReadLimit.depth) throw new HttpRequestError({ details: `CCIP Read exceeded the maximum callback depth (${ccipReadLimit.depth}).`, url: urls[0] ?? '' })
    if (!isAddressEqual(to, sender)) throw new OffchainLookupSenderMismatchError({ sender, to })
    const result = await (async () => {
      if (urls.includes(localBatchGatewayUrl))
        return localBatchGatewayRequest({ budget, data: callData, ccipRequest: (parameters) => ccipRequest({ ...parameters, timeout: parameters.timeout ?? timeout }) })
      if (budget.queries <= 0) throw new HttpRequestError({ details: `CCIP Read exceeded the maximum number of queries (${ccipReadLimit.queries}).`, url: urls[0] ?? '' })
      const urls_ = urls.slice(0, budget.queries)
      budget.queries -= Math.max(1, urls_.length)
      return budget.run(() => ccipRequest({ data: callData, sender, timeout, urls: urls_ }))
    })()
    const callbackData = concat([callbackSelector, encodeAbiParameters([{ type: 'bytes' }, { type: 'bytes' }], [result, extraData])])
    try {
      return (await call(client, { to, data: callbackData, blockNumber })).data ?? '0x'
    } catch (error) {
      const revert = revertDataOf(error)
      if (revert?.slice(0, 10) !== offchainLookupSignature) throw error
      return await offchainLookup(client, { data: revert, to, blockNumber, ccipRequest, budget, depth: depth + 1 })
    }
  } catch (cause) {
    // An aborted request stays an abort, as in viem (no signal is passed here; fetch can still abort).
    if ((cause as Error).name === 'AbortError') throw cause
    throw new OffchainLookupError({ callbackSelector, cause: cause as Error, data, extraData, sender, urls })
  }
}

/** A call error's revert data, found as viem's getRevertErrorData finds it (the innermost cause's `data`). */
export function revertDataOf(error: unknown): Hex | undefined {
  if (!(error instanceof BaseError)) return undefined
  const inner = error.walk() as { data?: Hex | { data?: Hex } } | null
  return typeof inner?.data === 'object' ? inner.data?.data : inner?.data
}
