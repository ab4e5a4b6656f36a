import { hexToBigInt } from 'viem'
import type { RpcBlockHeader, VerifiedExecutionHeader, VerifiedHeaderSource } from '../../../src/lib/execution/types.ts'
import { verifyBlockHeader } from '../../../src/lib/execution/verifyBlockHeader.ts'
import { toExecutionHeader } from '../../../src/lib/rpc/toExecutionHeader.ts'
import { rpc } from '../execution/startAnvil.ts'

/**
 * Test stand-in for the light client: anvil's own head is trusted ('finalized' = head - 2).
 * Like the light client, it vouches only for its heads, not arbitrary numbers.
 */
export function anvilHeaderSource({ url }: { url: string }): VerifiedHeaderSource & { asked: string[] } {
  const asked: string[] = []
  const get = async (tag: string): Promise<VerifiedExecutionHeader> => {
    const header = await rpc<RpcBlockHeader>(url, 'eth_getBlockByNumber', [tag, false])
    return toExecutionHeader({ header: verifyBlockHeader({ header, blockHash: header.hash }) })
  }
  return {
    asked,
    async getExecutionHeader(block) {
      asked.push(String(block))
      if (block === 'latest') return get('latest')
      if (block === 'finalized') {
        const head = await rpc<RpcBlockHeader>(url, 'eth_getBlockByNumber', ['latest', false])
        const n = hexToBigInt(head.number)
        return get(`0x${(n > 2n ? n - 2n : 0n).toString(16)}`)
      }
      throw new Error(`the test header source only vouches for its heads, not block ${block}`)
    },
  }
}
