import { numberToHex } from 'viem'
import type { BlockSelector, RpcBlockHeader, VerifiedExecutionHeader, VerifiedHeaderSource } from '../execution/types.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import type { RpcClient } from './createRpcClient.ts'
import { BlockNotVerifiableError } from './errors.ts'
import { toExecutionHeader } from './toExecutionHeader.ts'

export type CreateHeaderResolverParameters = {
  headers: VerifiedHeaderSource
  client: RpcClient
  /** How far below the verified head an ancestor may be looked up (default 256). */
  maxAncestors?: number
}

/**
 * Resolves a block selector to a verified header. Numbers the header source cannot vouch for are
 * reached from its nearest head at or above them: the ancestors are fetched in one batch and
 * accepted only if each one hashes to its verified child's parentHash.
 */
export function createHeaderResolver({ headers, client, maxAncestors = 256 }: CreateHeaderResolverParameters) {
  const byNumber = new Map<bigint, VerifiedExecutionHeader>()
  const remember = (header: VerifiedExecutionHeader) => {
    byNumber.set(header.number, header)
    if (byNumber.size > 4 * maxAncestors) byNumber.delete(byNumber.keys().next().value!)
    return header
  }

  return async function getHeader(block: BlockSelector): Promise<VerifiedExecutionHeader> {
    if (typeof block !== 'bigint') return remember(await headers.getExecutionHeader(block))
    const known = byNumber.get(block)
    if (known) return known
    try {
      return remember(await headers.getExecutionHeader(block))
    } catch {
      // The source cannot vouch for it directly: walk back from a head.
    }
    const [finalized, latest] = await Promise.all([
      headers.getExecutionHeader('finalized').catch(() => undefined),
      headers.getExecutionHeader('latest'),
    ])
    if (block > latest.number)
      throw new BlockNotVerifiableError({ block: String(block), reason: `it is ahead of the verified head ${latest.number}` })
    const anchor = finalized && finalized.number >= block ? finalized : latest
    if (anchor.number === block) return remember(anchor)
    if (anchor.number - block > BigInt(maxAncestors))
      throw new BlockNotVerifiableError({ block: String(block), reason: `it is more than ${maxAncestors} blocks below the verified head ${anchor.number}` })
    const numbers: bigint[] = []
    for (let n = anchor.number - 1n; n >= block; n--) numbers.push(n)
    const chain = await client.batch(
      numbers.map((n) => ({ method: 'eth_getBlockByNumber', params: [numberToHex(n), false] })),
      (results) => {
        let expected = anchor.parentHash
        return (results as RpcBlockHeader[]).map((header) => {
          if (!header) throw new BlockNotVerifiableError({ block: String(block), reason: 'the RPC does not have an ancestor' })
          verifyBlockHeader({ header, blockHash: expected })
          expected = header.parentHash
          return toExecutionHeader({ header })
        })
      },
    )
    for (const header of chain) remember(header)
    return chain[chain.length - 1]
  }
}
