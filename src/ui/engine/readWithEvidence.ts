import { findReadHead } from '../../lib/bundle/createProofBundle.ts'
import type { BundleClaim } from '../../lib/bundle/types.ts'
import type { HeadEvidence } from '../../lib/consensus/headRecord.ts'
import type { VerifiedExecutionHeader } from '../../lib/execution/types.ts'
import type { ReadEvidence } from '../../lib/rpc/recordEvidence.ts'
import type { ChainEngine } from './createChainEngine.ts'

/**
 * What one value shown as verified rests on, carried beside it as data (never reparsed from a
 * message): the block it was read at, the light-client head that block is or descends from and
 * how that head was trusted, the proofs, who answered and who was refused.
 */
export type ValueEvidence = {
  /** What a proof bundle would claim; absent for values the bundle format cannot state (no Export proof). */
  claim?: BundleClaim
  header: VerifiedExecutionHeader
  /** The light client's header the block is, or the head it was reached from by parent hashes. */
  head: VerifiedExecutionHeader
  /** Blocks between that head and the value's block (0: the value is at the head itself). */
  ancestors: number
  headEvidence: HeadEvidence | undefined
  read: ReadEvidence
}

/** A verified read with its evidence; `claimOf` states what was verified (it becomes the bundle's claim; none: no Export proof). */
export async function readWithEvidence<T>({ engine, method, params, decode, claimOf }: {
  engine: ChainEngine
  method: string
  params: unknown[]
  decode: (result: unknown) => T
  /** `result`: the verified answer as it came (a call's claim states its return data, not the decoded value). */
  claimOf?: (value: T, result: unknown) => BundleClaim
}): Promise<{ value: T; evidence: ValueEvidence }> {
  const { result, evidence: read } = await engine.readWithEvidence({ method, params })
  const value = decode(result)
  const header = read.headers.at(-1)!
  const { head, ancestors } = findReadHead({ header, evidence: read })
  const headEvidence = await engine.lightClient.headEvidence(head.blockHash).catch(() => undefined)
  return { value, evidence: { claim: claimOf?.(value, result), header, head, ancestors: ancestors.length, headEvidence, read } }
}
