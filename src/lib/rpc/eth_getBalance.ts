import { numberToHex } from 'viem'
import { getVerifiedAccount } from './getVerifiedAccount.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import type { MethodHandler } from './types.ts'

/** eth_getBalance(address, block) from a verified EIP-1186 account proof. */
export const eth_getBalance: MethodHandler = async ({ params: [address, block], context }) => {
  const { account } = await getVerifiedAccount({ context, address, block: parseBlockTag({ block }), method: 'eth_getBalance' })
  return numberToHex(account.balance)
}
