import { pad } from 'viem'
import type { Hex, RpcAccountProof, RpcBlockHeader, VerifiedExecutionHeader } from '../execution/types.ts'
import type { ReadEvidence } from '../rpc/recordEvidence.ts'
import { BundleFormatError } from './errors.ts'
import type { ProofBundle } from './types.ts'

type Answer = { params: readonly unknown[]; result: unknown }

/**
 * The state a verified eth_call ran on, from what its read recorded: the block's full header, and
 * every account proof (merged per address, each storage slot once) and code the local EVM was
 * served at that block. Every one of these answers passed verification when it was recorded.
 */
export function collectCallProofs({ header, answers }: { header: VerifiedExecutionHeader; answers: (method: string) => Answer[] }): Required<Pick<ProofBundle['proofs'], 'header' | 'accounts' | 'codes'>> {
  const hash = header.blockHash.toLowerCase()
  const atBlock = (r: Answer, i: number) => String((r.params[i] as { blockHash?: string } | undefined)?.blockHash ?? r.params[i]).toLowerCase() === hash
  const full = answers('eth_getBlockByHash').find((r) => String(r.params[0]).toLowerCase() === hash)?.result as RpcBlockHeader | undefined
  if (!full) throw new BundleFormatError({ field: 'proofs.header', reason: 'could not be made: the call kept no block header' })
  const accounts = new Map<string, RpcAccountProof>()
  for (const r of answers('eth_getProof')) {
    if (!atBlock(r, 2)) continue
    const served = r.result as RpcAccountProof
    const address = String(r.params[0]).toLowerCase()
    const slots = (r.params[1] as Hex[]).map((s) => pad(s, { size: 32 }).toLowerCase() as Hex)
    const merged = accounts.get(address) ?? { ...served, address: address as Hex, storageProof: [] }
    for (const [j, slot] of slots.entries()) {
      const entry = served.storageProof?.[j]
      // The slot as asked, not as echoed: the verifier looks proofs up by the slot the EVM reads.
      if (entry && !merged.storageProof.some((s) => s.key === slot)) merged.storageProof.push({ ...entry, key: slot })
    }
    accounts.set(address, merged)
  }
  const codes: Record<string, Hex> = {}
  for (const r of answers('eth_getCode')) if (atBlock(r, 1)) codes[String(r.params[0]).toLowerCase()] = r.result as Hex
  return { header: full, accounts: [...accounts.values()], codes }
}
