import { hexToBigInt } from 'viem'
import { isInBloom } from '../execution/isInBloom.ts'
import type { Hex, RpcBlockHeader, VerifiedExecutionHeader } from '../execution/types.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import { BlockNotVerifiableError, InvalidParamsError } from './errors.ts'
import { getVerifiedBlock } from './getVerifiedBlock.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import { toVerifiedLog } from './toVerifiedLog.ts'
import type { MethodHandler } from './types.ts'

/** Most blocks one eth_getLogs call may span: every block's header is verified, and matching blocks' receipts fetched. */
export const MAX_LOG_BLOCKS = 256

type Filter = { fromBlock?: unknown; toBlock?: unknown; blockHash?: Hex; address?: Hex | Hex[]; topics?: (Hex | Hex[] | null)[] }

/**
 * eth_getLogs: each block in the range is checked by its verified header; blocks whose verified
 * logs bloom may match have all their receipts verified against the receipts root, and the logs
 * are filtered locally, so a provider can neither forge nor hide a log.
 */
export const eth_getLogs: MethodHandler = async ({ params: [filter], context }) => {
  if (typeof filter !== 'object' || filter === null) throw new InvalidParamsError({ method: 'eth_getLogs', reason: 'expected a filter object' })
  const f = filter as Filter
  const addresses = (f.address === undefined || f.address === null ? [] : Array.isArray(f.address) ? f.address : [f.address]).map((a) => a.toLowerCase())
  const topics = (f.topics ?? []).map((t) => (t === null ? [] : (Array.isArray(t) ? t : [t]).map((x) => x.toLowerCase())))
  const headers = await blocksOf({ filter: f, context })
  const verifiedHeaders = await context.client.batch(
    headers.map((h) => ({ method: 'eth_getBlockByHash', params: [h.blockHash, false] })),
    (results) => (results as RpcBlockHeader[]).map((header, i) => verifyBlockHeader({ header, blockHash: headers[i].blockHash })),
  )
  const candidates = headers.filter((_, i) => {
    const bloom = verifiedHeaders[i].logsBloom
    const addressOk = addresses.length === 0 || addresses.some((value) => isInBloom({ bloom, value: value as Hex }))
    return addressOk && topics.every((alternatives) => alternatives.length === 0 || alternatives.some((value) => isInBloom({ bloom, value: value as Hex })))
  })
  const blocks = await Promise.all(candidates.map((header) => getVerifiedBlock({ context, header, withReceipts: true })))
  const logs: unknown[] = []
  for (const { block, receipts } of blocks) {
    let logIndex = 0
    for (const [txIndex, receipt] of receipts!.entries())
      for (const log of receipt.logs) {
        const index = logIndex++
        if (addresses.length > 0 && !addresses.includes(log.address.toLowerCase())) continue
        if (!topics.every((alternatives, i) => alternatives.length === 0 || (log.topics[i] !== undefined && alternatives.includes(log.topics[i].toLowerCase())))) continue
        logs.push(toVerifiedLog({ log, block, transactionHash: block.transactions[txIndex].hash, transactionIndex: txIndex, logIndex: index }))
      }
  }
  return logs
}

async function blocksOf({ filter, context }: { filter: Filter; context: Parameters<MethodHandler>[0]['context'] }): Promise<VerifiedExecutionHeader[]> {
  if (filter.blockHash) {
    const hint = await context.client.request<RpcBlockHeader | null>({ method: 'eth_getBlockByHash', params: [filter.blockHash, false] })
    if (!hint) throw new BlockNotVerifiableError({ block: filter.blockHash, reason: 'the RPC does not know it' })
    const header = await context.getHeader(hexToBigInt(hint.number))
    if (header.blockHash.toLowerCase() !== filter.blockHash.toLowerCase())
      throw new BlockNotVerifiableError({ block: filter.blockHash, reason: `the verified block ${header.number} has another hash` })
    return [header]
  }
  const to = await context.getHeader(parseBlockTag({ block: filter.toBlock ?? 'latest' }))
  const from = await context.getHeader(parseBlockTag({ block: filter.fromBlock ?? 'latest' }))
  if (from.number > to.number) return []
  if (to.number - from.number >= BigInt(MAX_LOG_BLOCKS))
    throw new InvalidParamsError({ method: 'eth_getLogs', reason: `the range spans more than ${MAX_LOG_BLOCKS} blocks` })
  const headers: VerifiedExecutionHeader[] = []
  for (let n = from.number; n <= to.number; n++) headers.push(n === to.number ? to : await context.getHeader(n))
  return headers
}
