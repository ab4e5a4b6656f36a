import { isAddress } from 'viem'
import type { Address, BlockSelector, Hex, ProvenAccount } from '../execution/types.ts'
import { InvalidParamsError } from './errors.ts'
import { fetchVerifiedAccounts } from './fetchVerifiedAccounts.ts'
import type { HandlerContext } from './types.ts'

export type GetVerifiedAccountParameters = {
  context: HandlerContext
  address: unknown
  block: BlockSelector
  slots?: readonly Hex[]
  withCode?: boolean
  method: string
}
export type GetVerifiedAccountReturnType = ProvenAccount

/** One account (with slots and code when asked) verified against the selected block's state root. */
export async function getVerifiedAccount({
  context,
  address,
  block,
  slots = [],
  withCode = false,
  method,
}: GetVerifiedAccountParameters): Promise<GetVerifiedAccountReturnType> {
  if (typeof address !== 'string' || !isAddress(address, { strict: false }))
    throw new InvalidParamsError({ method, reason: `${JSON.stringify(address)} is not an address` })
  const header = await context.getHeader(block)
  // Already proven at this very block (by its hash): answered with no request.
  const held = context.cache?.getAccount({ blockHash: header.blockHash, address: address as Address, slots, withCode })
  if (held) return held
  const [proven] = await fetchVerifiedAccounts({
    client: context.client,
    header,
    requests: [{ address: address as Address, slots: [...slots], code: withCode }],
  })
  context.cache?.putAccount({ blockHash: header.blockHash, address: address as Address, proven })
  return proven
}
