import { isHex, numberToHex } from 'viem'
import { InvalidParamsError } from './errors.ts'
import { getVerifiedAccount } from './getVerifiedAccount.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import type { MethodHandler } from './types.ts'

/** eth_getStorageAt(address, slot, block) from verified account and storage proofs. */
export const eth_getStorageAt: MethodHandler = async ({ params: [address, slot, block], context }) => {
  if (typeof slot !== 'string' || !isHex(slot) || slot.length > 66)
    throw new InvalidParamsError({ method: 'eth_getStorageAt', reason: `${JSON.stringify(slot)} is not a storage slot` })
  const { storage } = await getVerifiedAccount({ context, address, slots: [slot], block: parseBlockTag({ block }), method: 'eth_getStorageAt' })
  return numberToHex([...storage.values()][0], { size: 32 })
}
