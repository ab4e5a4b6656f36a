import { isHex, pad } from 'viem'
import type { Address, Hex, RpcAccountProof } from '../execution/types.ts'
import { verifyAccountProof } from '../execution/verifyAccountProof.ts'
import { verifyStorageProof } from '../execution/verifyStorageProof.ts'
import { InvalidParamsError } from './errors.ts'
import { parseBlockTag } from './parseBlockTag.ts'
import type { MethodHandler } from './types.ts'

/** eth_getProof(address, slots, block): passed on only once it verifies against the verified state root. */
export const eth_getProof: MethodHandler = async ({ params: [address, slots, block], context }) => {
  if (typeof address !== 'string' || !Array.isArray(slots) || !slots.every((s) => typeof s === 'string' && isHex(s)))
    throw new InvalidParamsError({ method: 'eth_getProof', reason: 'expected (address, slots[], block)' })
  const header = await context.getHeader(parseBlockTag({ block }))
  const keys = (slots as Hex[]).map((s) => pad(s, { size: 32 }))
  return context.client.request({ method: 'eth_getProof', params: [address, keys, { blockHash: header.blockHash }] }, async (result) => {
    const proof = result as RpcAccountProof
    const account = await verifyAccountProof({ address: address as Address, stateRoot: header.stateRoot, proof })
    for (const [i, slot] of keys.entries())
      await verifyStorageProof({ address: address as Address, storageRoot: account.storageRoot, slot, proof: proof.storageProof?.[i] ?? { proof: [], value: '0x0' } })
    return proof
  })
}
