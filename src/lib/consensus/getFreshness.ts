import type { LightClientStatus } from './LightClient.ts'

/**
 * How far (in slots) a verified head may lag the clock and still be current. A healthy light
 * client's optimistic head is the parent of the newest signed block, fetched once a slot: one
 * or two slots old; four leaves room for a missed slot and a slow round, not for a stopped head.
 */
export const HEAD_LIMIT_SLOTS = 4

/**
 * The limit never goes below one mainnet slot: on fast devnets (1-2 s slots) four slots are less
 * than the polling, worker hand-off and rendering jitter of a healthy client on a busy machine, and
 * a head that is merely jittery would pause sending for no reason.
 */
export const HEAD_LIMIT_MIN_SECONDS = 12

/** How old (seconds) a head may be and still be current, on a network with this slot time. */
export function headLimitSeconds({ secondsPerSlot, limitSlots = HEAD_LIMIT_SLOTS }: { secondsPerSlot: number; limitSlots?: number }): number {
  return Math.max(limitSlots * secondsPerSlot, HEAD_LIMIT_MIN_SECONDS)
}

export type FreshnessState =
  /** The head is within the limit of the clock and the light client is following the chain. */
  | 'current'
  /** Bootstrapping or catching up: a value is as of an older block (the checkpoint, or on the way). */
  | 'syncing'
  /** Past the limit, or the light client is stalled or stopped: a value is only "last verified". */
  | 'stale'

export type Freshness = {
  state: FreshnessState
  /** Why it is not current (undefined when it is). */
  reason: 'behind' | 'stalled' | 'error' | 'syncing' | undefined
  /** Clock time minus the header's own timestamp, in ms (0 when the header is ahead of the clock). */
  ageMs: number
  ageSeconds: number
  limitSeconds: number
}

export type GetFreshnessParameters = {
  /** The verified execution header's timestamp (Unix seconds): the age counts from the block, not from when a value was fetched. */
  headTimestamp: bigint | number
  nowMs: number
  /** The network's slot time: the limit is counted in slots. */
  secondsPerSlot: number
  status: LightClientStatus
  limitSlots?: number
}

/**
 * The freshness rule, one place for the app and the CLI: a value verified against a header is
 * current only while that header is at most `limitSlots` slots older than the clock and the light
 * client is following the chain. A stalled or stopped light client makes every value stale however
 * young its header; while bootstrapping or syncing an old header is "syncing", never current.
 */
export function getFreshness({ headTimestamp, nowMs, secondsPerSlot, status, limitSlots = HEAD_LIMIT_SLOTS }: GetFreshnessParameters): Freshness {
  const ageMs = Math.max(0, nowMs - Number(headTimestamp) * 1000)
  const limitSeconds = headLimitSeconds({ secondsPerSlot, limitSlots })
  const base = { ageMs, ageSeconds: Math.floor(ageMs / 1000), limitSeconds }
  if (status === 'error') return { ...base, state: 'stale', reason: 'error' }
  if (status === 'stalled') return { ...base, state: 'stale', reason: 'stalled' }
  if (ageMs <= limitSeconds * 1000) return { ...base, state: 'current', reason: undefined }
  if (status === 'bootstrapping' || status === 'syncing') return { ...base, state: 'syncing', reason: 'syncing' }
  return { ...base, state: 'stale', reason: 'behind' }
}
