import { type Hex, type Transport, custom } from 'viem'
import type { BundleClaim } from '../../lib/bundle/types.ts'
import { mergeReadEvidence } from '../../lib/rpc/mergeReadEvidence.ts'
import type { ReadEvidence } from '../../lib/rpc/recordEvidence.ts'
import type { ChainEngine } from './createChainEngine.ts'
import { type ValueEvidence, toValueEvidence } from './readWithEvidence.ts'

/**
 * A viem transport for one lookup of several verified reads (an ENS resolution): each read goes
 * through readWithEvidence and is kept, so the answer's "What was checked" names every proof and
 * provider it rests on. `evidence()`: the block and its head from the first read, all reads' proofs;
 * when the lookup was one eth_call (an ENS resolution: the Universal Resolver's resolveWithGateways),
 * its claim is that call and its return data, so Export proof writes a call bundle.
 */
export function createRecordingTransport({ engine }: { engine: ChainEngine }): { transport: Transport; evidence: () => Promise<ValueEvidence | undefined> } {
  const reads: ReadEvidence[] = []
  const calls: { call: Record<string, unknown>; result: Hex }[] = []
  const transport = custom({
    request: async ({ method, params }) => {
      const { result, evidence } = await engine.readWithEvidence({ method, params: params as unknown[] })
      reads.push(evidence)
      if (method === 'eth_call') calls.push({ call: (params as unknown[])[0] as Record<string, unknown>, result: result as Hex })
      return result as never
    },
  })
  // Only a lookup of exactly one call is stated by it: a bundle re-runs one call, and what it returns is the answer.
  const claim = (): BundleClaim | undefined => (calls.length === 1 && reads.length === 1 ? { kind: 'call', call: calls[0]!.call, result: calls[0]!.result } : undefined)
  return {
    transport,
    evidence: async () => (reads.length === 0 ? undefined : { ...(await toValueEvidence({ engine, read: reads[0]!, claim: claim() })), read: mergeReadEvidence(reads) }),
  }
}
