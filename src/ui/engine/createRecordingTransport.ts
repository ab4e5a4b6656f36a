import { type Transport, custom } from 'viem'
import { mergeReadEvidence } from '../../lib/rpc/mergeReadEvidence.ts'
import type { ReadEvidence } from '../../lib/rpc/recordEvidence.ts'
import type { ChainEngine } from './createChainEngine.ts'
import { type ValueEvidence, toValueEvidence } from './readWithEvidence.ts'

/**
 * A viem transport for one lookup of several verified reads (an ENS resolution): each read goes
 * through readWithEvidence and is kept, so the answer's "What was checked" names every proof and
 * provider it rests on. `evidence()`: the block and its head from the first read, all reads' proofs.
 */
export function createRecordingTransport({ engine }: { engine: ChainEngine }): { transport: Transport; evidence: () => Promise<ValueEvidence | undefined> } {
  const reads: ReadEvidence[] = []
  const transport = custom({
    request: async ({ method, params }) => {
      const { result, evidence } = await engine.readWithEvidence({ method, params: params as unknown[] })
      reads.push(evidence)
      return result as never
    },
  })
  return {
    transport,
    evidence: async () => (reads.length === 0 ? undefined : { ...(await toValueEvidence({ engine, read: reads[0]! })), read: mergeReadEvidence(reads) }),
  }
}
