import { describe, expect, it } from 'vitest'
import { HeadNotCurrentError } from '../../../src/lib/consensus/errors.ts'
import { formatAge } from '../../../src/lib/consensus/formatAge.ts'
import { HEAD_LIMIT_SLOTS, getFreshness } from '../../../src/lib/consensus/getFreshness.ts'
import type { ConsensusHeader } from '../../../src/lib/consensus/toConsensusHeader.ts'
import { verifyHeadCurrent } from '../../../src/lib/consensus/verifyHeadCurrent.ts'

const T = 1_700_000_000 // a header's timestamp (s)
const at = (seconds: number) => T * 1000 + seconds * 1000

describe('getFreshness (the freshness rule)', () => {
  it('is current up to exactly 4 slots behind the clock, stale one millisecond later (mainnet, 12 s slots)', () => {
    expect(HEAD_LIMIT_SLOTS).toBe(4)
    const edge = getFreshness({ headTimestamp: BigInt(T), nowMs: at(48), secondsPerSlot: 12, status: 'synced' })
    expect(edge).toEqual({ state: 'current', reason: undefined, ageMs: 48_000, ageSeconds: 48, limitSeconds: 48 })
    const past = getFreshness({ headTimestamp: BigInt(T), nowMs: at(48) + 1, secondsPerSlot: 12, status: 'synced' })
    expect(past).toMatchObject({ state: 'stale', reason: 'behind', ageMs: 48_001, ageSeconds: 48, limitSeconds: 48 })
  })

  it('counts the limit in the network\'s own slots', () => {
    // 20 s behind: current on mainnet (limit 48 s), stale on a 4 s devnet (16 s) and on a 5 s chain (20 s + 1 ms).
    const nowMs = at(20)
    expect(getFreshness({ headTimestamp: T, nowMs, secondsPerSlot: 12, status: 'synced' }).state).toBe('current')
    expect(getFreshness({ headTimestamp: T, nowMs, secondsPerSlot: 4, status: 'synced' })).toMatchObject({ state: 'stale', limitSeconds: 16 })
    expect(getFreshness({ headTimestamp: T, nowMs, secondsPerSlot: 5, status: 'synced' }).state).toBe('current')
    expect(getFreshness({ headTimestamp: T, nowMs: nowMs + 1, secondsPerSlot: 5, status: 'synced' }).state).toBe('stale')
    expect(getFreshness({ headTimestamp: T, nowMs, secondsPerSlot: 1, status: 'synced', limitSlots: 32 }).state).toBe('current')
  })

  it('never sets the limit below 12 s (one mainnet slot), however fast the devnet', () => {
    for (const secondsPerSlot of [1, 2, 3]) {
      expect(getFreshness({ headTimestamp: T, nowMs: at(12), secondsPerSlot, status: 'synced' })).toMatchObject({ state: 'current', limitSeconds: 12 })
      expect(getFreshness({ headTimestamp: T, nowMs: at(12) + 1, secondsPerSlot, status: 'synced' })).toMatchObject({ state: 'stale', reason: 'behind', limitSeconds: 12 })
    }
  })

  it('makes a young header stale when the light client is stalled or stopped', () => {
    for (const status of ['stalled', 'error'] as const) {
      const f = getFreshness({ headTimestamp: T, nowMs: at(1), secondsPerSlot: 12, status })
      expect(f).toMatchObject({ state: 'stale', reason: status, ageSeconds: 1 })
    }
  })

  it('calls an old header "syncing" while bootstrapping or catching up, never current', () => {
    for (const status of ['bootstrapping', 'syncing'] as const) {
      expect(getFreshness({ headTimestamp: T, nowMs: at(3 * 86400), secondsPerSlot: 12, status })).toMatchObject({ state: 'syncing', reason: 'syncing', ageSeconds: 3 * 86400 })
      // Caught up within the limit before the status says so: the header itself is current.
      expect(getFreshness({ headTimestamp: T, nowMs: at(12), secondsPerSlot: 12, status }).state).toBe('current')
    }
  })

  it('counts a header ahead of the clock (skew) as age 0', () => {
    expect(getFreshness({ headTimestamp: T + 5, nowMs: at(0), secondsPerSlot: 12, status: 'synced' })).toMatchObject({ state: 'current', ageMs: 0 })
  })
})

describe('verifyHeadCurrent', () => {
  const head = (timestamp: number): ConsensusHeader => ({
    slot: 1234, beaconRoot: '0x01', stateRoot: '0x02',
    execution: {
      number: 77n, blockHash: '0x03', parentHash: '0x04', stateRoot: '0x05', receiptsRoot: '0x06', transactionsRoot: '0x07',
      baseFeePerGas: 1n, timestamp: BigInt(timestamp), gasLimit: 30_000_000n, gasUsed: 0n, feeRecipient: '0x08',
    },
  })

  it('returns the freshness of a current head', () => {
    expect(verifyHeadCurrent({ head: head(T), nowMs: at(10), secondsPerSlot: 12, status: 'synced' })).toMatchObject({ state: 'current', ageSeconds: 10 })
  })

  it('throws HeadNotCurrentError with the head\'s block, slot, timestamp, age and the limit', () => {
    const error = (() => {
      try {
        verifyHeadCurrent({ head: head(T), nowMs: at(16 * 60), secondsPerSlot: 12, status: 'synced' })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(HeadNotCurrentError)
    expect(error).toMatchObject({ name: 'HeadNotCurrentError', blockNumber: 77n, slot: 1234, timestamp: T, ageSeconds: 960, limitSeconds: 48, status: 'synced' })
    expect((error as HeadNotCurrentError).shortMessage).toBe('The newest verified head, block 77 (slot 1234), is 16 min old, past the limit of 48 s.')
  })

  it('refuses a young head of a stalled light client, and no head at all', () => {
    expect(() => verifyHeadCurrent({ head: head(T), nowMs: at(2), secondsPerSlot: 12, status: 'stalled' }))
      .toThrow(/block 77 \(slot 1234\), is 2\.0 s old \(the light client is stalled\)\./)
    expect(() => verifyHeadCurrent({ head: undefined, nowMs: at(2), secondsPerSlot: 12, status: 'bootstrapping' })).toThrow(HeadNotCurrentError)
  })
})

describe('formatAge', () => {
  it('reads as seconds, minutes, hours, days', () => {
    expect([0, 59, 60, 959, 3600, 47 * 3600, 48 * 3600].map((seconds) => formatAge({ seconds }))).toEqual(['0 s', '59 s', '1 min', '15 min', '1 h', '47 h', '2 days'])
  })
})
