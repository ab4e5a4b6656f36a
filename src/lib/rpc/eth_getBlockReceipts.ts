import { getVerifiedBlock } from './getVerifiedBlock.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import type { MethodHandler } from './types.ts'

/** eth_getBlockReceipts(block): all receipts, checked against the verified receipts root and transaction list. */
export const eth_getBlockReceipts: MethodHandler = async ({ params: [block], context }) => {
  const header = await context.getHeader(parseBlockTag({ block }))
  const { receipts } = await getVerifiedBlock({ context, header, withReceipts: true })
  return receipts
}
