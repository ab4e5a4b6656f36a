import { getVerifiedAccount } from './getVerifiedAccount.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import type { MethodHandler } from './types.ts'

/** eth_getCode(address, block): the served code must hash to the proven code hash. */
export const eth_getCode: MethodHandler = async ({ params: [address, block], context }) => {
  const { code } = await getVerifiedAccount({ context, address, block: parseBlockTag({ block }), withCode: true, method: 'eth_getCode' })
  return code
}
