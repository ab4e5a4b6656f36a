import { computeSyncCommitteePeriodAtSlot } from '../lib/consensus/spec/computeSyncCommitteePeriodAtSlot.ts'
import { getFreshness } from '../lib/consensus/getFreshness.ts'
import type { LightClient } from '../lib/consensus/LightClient.ts'
import type { ConsensusHeader } from '../lib/consensus/toConsensusHeader.ts'

export type HeadDescription = {
  slot: number
  period: number
  beaconRoot: string
  execution: {
    blockNumber: string
    blockHash: string
    stateRoot: string
    receiptsRoot: string
    baseFeePerGas: string
    timestamp: number
    /** Seconds since that timestamp (the header's own time, not when it was fetched). */
    ageSeconds: number
  } | undefined
}

/** JSON-safe view of a verified header (bigints as decimal strings). */
export function describeHeader(header: ConsensusHeader): HeadDescription {
  const e = header.execution
  return {
    slot: header.slot,
    period: computeSyncCommitteePeriodAtSlot(header.slot),
    beaconRoot: header.beaconRoot,
    execution: e && {
      blockNumber: e.number.toString(),
      blockHash: e.blockHash,
      stateRoot: e.stateRoot,
      receiptsRoot: e.receiptsRoot,
      baseFeePerGas: e.baseFeePerGas.toString(),
      timestamp: Number(e.timestamp),
      ageSeconds: Math.max(0, Math.floor(Date.now() / 1000 - Number(e.timestamp))),
    },
  }
}

/** What `latchkey head` prints: both heads, how they were reached, and each beacon API's health. */
export function describeHead({ client, chainId }: { client: LightClient; chainId: number }) {
  const s = client.state
  const timestamp = s.optimistic?.execution?.timestamp
  const freshness = timestamp === undefined ? undefined : getFreshness({ headTimestamp: timestamp, nowMs: Date.now(), secondsPerSlot: s.secondsPerSlot, status: s.status })
  return {
    verified: true as const,
    network: client.network.name,
    chainId,
    status: s.status,
    checkpoint: s.checkpoint,
    currentSlot: s.currentSlot,
    /** The freshness rule applied to the optimistic head (it passed, or the command would have failed). */
    freshness: freshness && { state: freshness.state, ageSeconds: freshness.ageSeconds, limitSeconds: freshness.limitSeconds },
    syncPeriod: s.syncPeriod,
    participation: s.participation,
    finalized: s.finalized && describeHeader(s.finalized),
    optimistic: s.optimistic && describeHeader(s.optimistic),
    endpoints: s.endpoints.map((h) => ({
      url: h.url,
      ok: !h.faulty && !h.lagging && !h.withholding && h.consecutiveFailures === 0,
      latencyMs: h.latencyMs,
      successes: h.successes,
      failures: h.failures,
      faulty: h.faulty,
      faultsProven: h.faultsProven,
      lagging: h.lagging,
      withholding: h.withholding,
      lastHeadSlot: h.lastHeadSlot,
      lastError: h.lastError,
    })),
  }
}
export type HeadReport = ReturnType<typeof describeHead>
