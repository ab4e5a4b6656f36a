import { getVerifiedBlock } from './getVerifiedBlock.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import type { MethodHandler } from './types.ts'

/** eth_getBlockByNumber(block, full): header, transactions and withdrawals verified; senders recovered. */
export const eth_getBlockByNumber: MethodHandler = async ({ params: [block, full], context }) => {
  const header = await context.getHeader(parseBlockTag({ block }))
  const { block: verified } = await getVerifiedBlock({ context, header, recoverSenders: full === true })
  return full === true ? verified : { ...verified, transactions: verified.transactions.map((t) => t.hash) }
}
