import { type Address, type Hex, HttpRequestError, decodeFunctionData, encodeErrorResult, encodeFunctionResult, size } from 'viem'
import { batchGatewayAbi } from './universalResolverAbi.ts'

/** The gateway URL by which the Universal Resolver asks the client to run ENSIP-21's batch gateway itself. */
export const localBatchGatewayUrl = 'x-batch-gateway:true'

/**
 * viem's caps for one CCIP-read lookup (viem/_esm/utils/ens/localBatchGatewayRequest.js, not
 * exported), kept so a contract cannot make one name cost more here than it did through viem's
 * getEnsAddress: response bytes in total, gateway requests in flight, nested callbacks (and,
 * separately, nested batches), gateway requests in total (each URL counts once).
 */
export const ccipReadLimit = { bytes: 10_485_760, concurrency: 16, depth: 4, queries: 256 }

export type CcipReadBudget = { bytes: number; queries: number; run: <T>(fn: () => Promise<T>) => Promise<T> }

/** One gateway request, as viem's `ccipRequest` takes it. */
export type CcipRequest = (parameters: { data: Hex; sender: Address; urls: readonly string[]; timeout?: number }) => Promise<Hex>

/** The budget of one CCIP-read lookup, shared by its callbacks and nested batches. */
export function createCcipReadBudget(): CcipReadBudget {
  let active = 0
  const queue: (() => void)[] = []
  return {
    bytes: ccipReadLimit.bytes,
    queries: ccipReadLimit.queries,
    async run(fn) {
      if (active >= ccipReadLimit.concurrency) await new Promise<void>((resolve) => queue.push(resolve))
      else active++
      try {
        return await fn()
      } finally {
        // The slot goes straight to the next waiter, so a new caller cannot take it in between.
        const next = queue.shift()
        if (next) next()
        else active--
      }
    },
  }
}

export type LocalBatchGatewayRequestParameters = {
  /** `query(Query[])`'s call data, from the OffchainLookup */
  data: Hex
  ccipRequest: CcipRequest
  budget: CcipReadBudget
  depth?: number
}

/**
 * ENSIP-21's batch gateway run here, as viem runs it: every query is sent to its own gateways, a
 * failed one answered as a failure (HttpError or Error(string)) for the resolver to judge, and the
 * answers encoded as `query`'s result. Over the byte budget the whole batch fails.
 */
export async function localBatchGatewayRequest({ data, ccipRequest, budget, depth = 0 }: LocalBatchGatewayRequestParameters): Promise<Hex> {
  const { args: [queries] } = decodeFunctionData({ abi: batchGatewayAbi, data })
  const failures: boolean[] = []
  const responses: Hex[] = []
  await Promise.all(queries.map(async (query, i) => {
    try {
      const nested = query.urls.includes(localBatchGatewayUrl)
      if (nested && depth + 1 >= ccipReadLimit.depth)
        throw new HttpRequestError({ details: `CCIP Read exceeded the maximum batch depth (${ccipReadLimit.depth}).`, url: localBatchGatewayUrl })
      if (nested) responses[i] = await localBatchGatewayRequest({ data: query.data, ccipRequest, budget, depth: depth + 1 })
      else {
        if (budget.queries <= 0)
          throw new HttpRequestError({ details: `CCIP Read exceeded the maximum number of queries (${ccipReadLimit.queries}).`, url: query.urls[0] ?? '' })
        // A query with no URL still costs one: a custom request may send it elsewhere.
        const urls = query.urls.slice(0, budget.queries)
        budget.queries -= Math.max(1, urls.length)
        // Requests still queued once the batch is over budget are skipped.
        const response = await budget.run(async () => (budget.bytes < 0 ? '0x' : ccipRequest({ ...query, urls })))
        budget.bytes -= size(response)
        if (budget.bytes < 0)
          throw new HttpRequestError({ details: `CCIP Read exceeded the maximum response size (${ccipReadLimit.bytes} bytes).`, url: localBatchGatewayUrl })
        responses[i] = response
      }
      failures[i] = false
    } catch (error) {
      if (budget.bytes < 0) throw error
      failures[i] = true
      responses[i] = encodeFailure(error as Error & { status?: number; shortMessage?: string })
    }
  }))
  return encodeFunctionResult({ abi: batchGatewayAbi, functionName: 'query', result: [failures, responses] })
}

const solidityError = [{ type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] }] as const

function encodeFailure(error: Error & { status?: number; shortMessage?: string }): Hex {
  if (error.name === 'HttpRequestError' && error.status)
    return encodeErrorResult({ abi: batchGatewayAbi, errorName: 'HttpError', args: [error.status, error.shortMessage ?? error.message] })
  return encodeErrorResult({ abi: solidityError, errorName: 'Error', args: ['shortMessage' in error ? error.shortMessage! : error.message] })
}
