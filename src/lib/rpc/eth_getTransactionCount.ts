import { numberToHex } from 'viem'
import { getVerifiedAccount } from './getVerifiedAccount.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import type { MethodHandler } from './types.ts'

/** eth_getTransactionCount(address, block) from a verified account proof ('pending' is refused). */
export const eth_getTransactionCount: MethodHandler = async ({ params: [address, block], context }) => {
  const { account } = await getVerifiedAccount({ context, address, block: parseBlockTag({ block }), method: 'eth_getTransactionCount' })
  return numberToHex(account.nonce)
}
