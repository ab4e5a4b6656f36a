import type { RunVerifiedCallParameters } from '../execution/runVerifiedCall.ts'
import type { RpcBlockHeader } from '../execution/types.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import { fetchVerifiedAccounts } from './fetchVerifiedAccounts.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import { parseCallRequest } from './parseCallRequest.ts'
import type { HandlerContext } from './types.ts'

/**
 * Everything a local call needs, in one round trip (two requests in parallel): the block's full
 * header, verified by its hash, and the RPC's access list as an untrusted prefetch hint.
 */
export async function prepareVerifiedCall({
  context,
  params: [call, block],
  method,
}: {
  context: HandlerContext
  params: readonly unknown[]
  method: string
}): Promise<RunVerifiedCallParameters> {
  const parsed = parseCallRequest({ call, method })
  const trusted = await context.getHeader(parseBlockTag({ block }))
  const at = { blockHash: trusted.blockHash }
  const [header, hint] = await Promise.all([
    context.client.request({ method: 'eth_getBlockByHash', params: [trusted.blockHash, false] }, (result) =>
      verifyBlockHeader({ header: result as RpcBlockHeader, blockHash: trusted.blockHash }),
    ),
    context.client
      .request<{ accessList?: unknown }>({ method: 'eth_createAccessList', params: [call, at] })
      .then((r) => (Array.isArray(r?.accessList) ? (r.accessList as RunVerifiedCallParameters['accessListHint']) : []))
      .catch(() => []),
  ])
  return {
    call: parsed,
    header,
    chainId: context.chainId,
    hardfork: context.hardfork,
    accessListHint: hint,
    fetchProofs: (requests) => fetchVerifiedAccounts({ client: context.client, header: trusted, requests }),
    getBlockHash: async (n) => (await context.getHeader(n)).blockHash,
  }
}
