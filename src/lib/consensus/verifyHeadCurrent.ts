import { HeadNotCurrentError } from './errors.ts'
import { type Freshness, getFreshness, headLimitSeconds } from './getFreshness.ts'
import type { LightClientStatus } from './LightClient.ts'
import type { ConsensusHeader } from './toConsensusHeader.ts'

export type VerifyHeadCurrentParameters = {
  /** The light client's optimistic head (what a transaction's nonce, balance and fees would come from). */
  head: ConsensusHeader | undefined
  nowMs: number
  secondsPerSlot: number
  status: LightClientStatus
  limitSlots?: number
  /** What a read from a head that is not current would get wrong (HeadNotCurrentError's `stale`; a send's words by default). */
  stale?: string
}

/** Returns the head's freshness when it is current; throws HeadNotCurrentError (with block, age and limit) otherwise. */
export function verifyHeadCurrent({ head, nowMs, secondsPerSlot, status, limitSlots, stale }: VerifyHeadCurrentParameters): Freshness {
  if (!head?.execution) throw new HeadNotCurrentError({ status, limitSeconds: headLimitSeconds({ secondsPerSlot, limitSlots }), stale })
  const freshness = getFreshness({ headTimestamp: head.execution.timestamp, nowMs, secondsPerSlot, status, limitSlots })
  if (freshness.state !== 'current')
    throw new HeadNotCurrentError({
      status,
      blockNumber: head.execution.number,
      slot: head.slot,
      timestamp: Number(head.execution.timestamp),
      ageMs: freshness.ageMs,
      limitSeconds: freshness.limitSeconds,
      stale,
    })
  return freshness
}
