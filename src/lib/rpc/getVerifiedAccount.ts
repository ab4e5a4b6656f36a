import { isAddress, pad } from 'viem'
import type { Address, BlockSelector, Hex, RpcAccountProof, VerifiedAccount } from '../execution/types.ts'
import { verifyAccountProof } from '../execution/verifyAccountProof.ts'
import { verifyCodeHash } from '../execution/verifyCodeHash.ts'
import { verifyStorageProof } from '../execution/verifyStorageProof.ts'
import { InvalidParamsError } from './errors.ts'
import type { HandlerContext } from './types.ts'

export type GetVerifiedAccountParameters = {
  context: HandlerContext
  address: unknown
  block: BlockSelector
  slots?: readonly Hex[]
  withCode?: boolean
  method: string
}
export type GetVerifiedAccountReturnType = { account: VerifiedAccount; storage: bigint[]; code: Hex | undefined }

/**
 * Fetches an account's EIP-1186 proof (and its storage slots and code when asked) in one batch from
 * one provider and verifies it against the block's verified state root; a provider whose data does
 * not verify is marked faulty and the next one is asked.
 */
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
  const keys = slots.map((slot) => pad(slot, { size: 32 }))
  const at = { blockHash: header.blockHash }
  const requests = [{ method: 'eth_getProof', params: [address, keys, at] }]
  if (withCode) requests.push({ method: 'eth_getCode', params: [address, at] })
  return context.client.batch(requests, async ([proof, code]) => {
    const rpcProof = proof as RpcAccountProof
    const account = await verifyAccountProof({ address: address as Address, stateRoot: header.stateRoot, proof: rpcProof })
    const storage = await Promise.all(
      keys.map((slot, i) => verifyStorageProof({ address: address as Address, storageRoot: account.storageRoot, slot, proof: rpcProof.storageProof?.[i] ?? { proof: [], value: '0x0' } })),
    )
    return {
      account,
      storage,
      code: withCode ? verifyCodeHash({ address: address as Address, codeHash: account.codeHash, code: code as Hex }) : undefined,
    }
  })
}
