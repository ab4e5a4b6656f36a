import type { VerifiedEvm } from '../execution/createVerifiedEvm.ts'
import type { RunVerifiedCallParameters } from '../execution/runVerifiedCall.ts'
import type { Hex, RpcBlockHeader } from '../execution/types.ts'
import { verifyBlockHeader } from '../execution/verifyBlockHeader.ts'
import { InvalidParamsError } from './errors.ts'
import { fetchVerifiedAccounts } from './fetchVerifiedAccounts.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import { parseCallRequest } from './parseCallRequest.ts'
import type { HandlerContext } from './types.ts'

// One EVM per context, for the block last called at: state proven for one call serves the next.
const evms = new WeakMap<HandlerContext, { blockHash: Hex; header: RpcBlockHeader; evm: Promise<VerifiedEvm> }>()

/**
 * Everything a local call needs: the block's full header (verified by its hash, fetched once per
 * block), the RPC's access list as an untrusted prefetch hint (in parallel), and the EVM for that
 * block, reused while calls stay at the same block.
 */
export async function prepareVerifiedCall({
  context,
  params: [call, block, stateOverride, blockOverride],
  method,
}: {
  context: HandlerContext
  params: readonly unknown[]
  method: string
}): Promise<RunVerifiedCallParameters & { evm: VerifiedEvm }> {
  // Overrides would change the answer; running without them silently would be wrong.
  if ((stateOverride !== undefined && stateOverride !== null) || (blockOverride !== undefined && blockOverride !== null))
    throw new InvalidParamsError({ method, reason: 'state and block overrides are not supported by the verified EVM' })
  const parsed = parseCallRequest({ call, method })
  const trusted = await context.getHeader(parseBlockTag({ block }))
  const at = { blockHash: trusted.blockHash }
  const cached = evms.get(context)
  const warm = cached?.blockHash === trusted.blockHash ? cached : undefined
  const [header, hint] = await Promise.all([
    warm?.header ??
      context.client.request({ method: 'eth_getBlockByHash', params: [trusted.blockHash, false] }, (result) =>
        verifyBlockHeader({ header: result as RpcBlockHeader, blockHash: trusted.blockHash }),
      ),
    context.client
      .request<{ accessList?: unknown }>({ method: 'eth_createAccessList', params: [call, at] })
      .then((r) => (Array.isArray(r?.accessList) ? (r.accessList as RunVerifiedCallParameters['accessListHint']) : []))
      .catch(() => []),
  ])
  const parameters: RunVerifiedCallParameters = {
    call: parsed,
    header,
    chainId: context.chainId,
    hardfork: context.hardfork,
    accessListHint: hint,
    fetchProofs: (requests) => fetchVerifiedAccounts({ client: context.client, header: trusted, requests }),
    getBlockHash: async (n) => (await context.getHeader(n)).blockHash,
  }
  let entry = warm
  if (!entry) {
    const evm = import('../execution/createVerifiedEvm.ts').then(({ createVerifiedEvm }) => createVerifiedEvm(parameters))
    entry = { blockHash: trusted.blockHash, header, evm }
    evms.set(context, entry)
    evm.catch(() => {
      if (evms.get(context) === entry) evms.delete(context)
    })
  }
  return { ...parameters, evm: await entry.evm }
}
