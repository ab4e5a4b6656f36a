import { type CallRequest, type CreateVerifiedEvmParameters, type VerifiedEvm, createVerifiedEvm } from './createVerifiedEvm.ts'
import type { Address, Hex } from './types.ts'

export type RunVerifiedCallParameters = CreateVerifiedEvmParameters & {
  call: CallRequest
  /** Untrusted hint of what the call touches (eth_createAccessList); missing entries cost a round trip, never a wrong answer. */
  accessListHint?: { address: Address; storageKeys: Hex[] }[]
  /** An EVM already set up at this block (its proven state is reused). */
  evm?: VerifiedEvm
}
export type RunVerifiedCallReturnType = {
  returnData: Hex
  gasUsed: bigint
  error: string | undefined
  /** Round trips needed beyond the prefetch. */
  missFetches: number
}

/** eth_call semantics, run locally over proven state at a verified block. */
export async function runVerifiedCall(parameters: RunVerifiedCallParameters): Promise<RunVerifiedCallReturnType> {
  const evm = parameters.evm ?? (await createVerifiedEvm(parameters))
  const missesBefore = evm.state.missFetches
  await evm.state.prefetch(prefetchRequests(parameters))
  const outcome = await evm.run({ call: parameters.call, gasLimit: parameters.call.gas ?? evm.gasCap })
  return { ...outcome, missFetches: evm.state.missFetches - missesBefore }
}

/** The accounts to prove up front: sender, target and the hint's entries (the coinbase only matters if the call reads it). */
export function prefetchRequests({ call, accessListHint = [] }: Pick<RunVerifiedCallParameters, 'call' | 'accessListHint'>) {
  const byAddress = new Map<string, Set<Hex>>()
  const add = (address: string | null | undefined, slots: readonly Hex[] = []) => {
    if (!address) return
    const key = address.toLowerCase()
    const set = byAddress.get(key) ?? new Set<Hex>()
    for (const slot of slots) set.add(slot.toLowerCase() as Hex)
    byAddress.set(key, set)
  }
  add(call.from ?? '0x0000000000000000000000000000000000000000')
  add(call.to)
  for (const entry of Array.isArray(accessListHint) ? accessListHint : []) add(entry?.address, Array.isArray(entry?.storageKeys) ? entry.storageKeys : [])
  for (const entry of call.accessList ?? []) add(entry.address, entry.storageKeys)
  return [...byAddress].map(([address, slots]) => ({ address: address as Address, slots: [...slots], code: true }))
}
