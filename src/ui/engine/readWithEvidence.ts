import { findReadHead } from '../../lib/bundle/createProofBundle.ts'
import type { BundleClaim } from '../../lib/bundle/types.ts'
import type { HeadEvidence } from '../../lib/consensus/headRecord.ts'
import type { VerifiedExecutionHeader } from '../../lib/execution/types.ts'
import type { Hex } from 'viem'
import type { HistoryStats } from '../../lib/history/types.ts'
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
  /** A history range ("complete from block A to B"): what proving it took, this visit. */
  range?: HistoryRangeEvidence
  /** A receipt's transaction (which of the block's receipts is the value). */
  transactionHash?: Hex
}

/** What proving a history range took: every header hash-linked to `header` (the verified head it ends at), blooms, receipts, proofs. */
export type HistoryRangeEvidence = {
  fromBlock: bigint
  toBlock: bigint
  /** The part proven this visit (the rest was proven in an earlier visit and kept, linked by hash). */
  proven: { fromBlock: bigint; toBlock: bigint; stats: HistoryStats }[]
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
  return { value, evidence: await toValueEvidence({ engine, read, claim: claimOf?.(value, result) }) }
}

/**
 * The evidence of a recorded read (its last header is the value's block), with the light
 * client's record of the head it rests on. For reads recorded outside readWithEvidence (the
 * review's preview, a history range) as much as inside it.
 */
export async function toValueEvidence({ engine, read, claim, header = read.headers.at(-1)!, atHead = false }: {
  engine: ChainEngine
  read: ReadEvidence
  claim?: BundleClaim
  header?: VerifiedExecutionHeader
  /** `header` is the light client's own head (a history range ends at it): no parent-hash walk to find. */
  atHead?: boolean
}): Promise<ValueEvidence> {
  const { head, ancestors } = atHead ? { head: header, ancestors: [] } : findReadHead({ header, evidence: read })
  const headEvidence = await engine.lightClient.headEvidence(head.blockHash).catch(() => undefined)
  return { claim, header, head, ancestors: ancestors.length, headEvidence, read }
}
