import { type RecordedChain, readFixture } from './fakeBeaconApi.ts'

export const HELIOS = 'helios/ethereum/testdata/'
export const HELIOS_CHECKPOINT = '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275' as const
export const MAINNET_GENESIS_TIME = 1606824023

/** The helios capella chain: bootstrap p862, updates p862..867, finality and optimistic updates. */
export function heliosChain(): RecordedChain {
  return {
    bootstraps: { [HELIOS_CHECKPOINT]: readFixture(HELIOS + 'bootstrap.json') },
    updates: readFixture(HELIOS + 'updates.json'),
    finality: readFixture(HELIOS + 'finality.json'),
    optimistic: readFixture(HELIOS + 'optimistic.json'),
  }
}

/** Clock time (ms) just after a mainnet slot, so recorded data looks current. */
export function msAtSlot(slot: number): number {
  return (MAINNET_GENESIS_TIME + slot * 12) * 1000 + 1000
}

/** Flips one bit of a 0x-hex string at byte `index`. */
export function flipBit(hex: string, index = 10): string {
  const bytes = hex.slice(2).match(/../g)!
  bytes[index] = (parseInt(bytes[index]!, 16) ^ 1).toString(16).padStart(2, '0')
  return '0x' + bytes.join('')
}

export type Tamper = [string, (c: RecordedChain) => void, string]

/** Tampered copies of the helios chain, each with the error class that must refuse it. */
export const heliosTampers: Tamper[] = [
  ['a flipped signature bit', (c) => {
    const agg = c.updates[2].data.sync_aggregate
    agg.sync_committee_signature = flipBit(agg.sync_committee_signature, 60)
  }, 'InvalidSyncSignatureError'],
  // The finality and the optimistic update are verified in one batch with the hand-overs
  // (preverifySignatures): a forgery in either is still refused as itself.
  ['a flipped signature bit in the finality update', (c) => {
    const agg = (c.finality as any).data.sync_aggregate
    agg.sync_committee_signature = flipBit(agg.sync_committee_signature, 60)
  }, 'InvalidSyncSignatureError'],
  ['a flipped signature bit in the optimistic update', (c) => {
    const agg = (c.optimistic as any).data.sync_aggregate
    agg.sync_committee_signature = flipBit(agg.sync_committee_signature, 60)
  }, 'InvalidSyncSignatureError'],
  ['a bad finality branch node', (c) => {
    const d = c.updates[1].data
    d.finality_branch[2] = flipBit(d.finality_branch[2])
  }, 'InvalidMerkleBranchError'],
  ['a bad next-sync-committee branch node', (c) => {
    const d = c.updates[3].data
    d.next_sync_committee_branch[0] = flipBit(d.next_sync_committee_branch[0])
  }, 'InvalidMerkleBranchError'],
  ['a changed execution state root', (c) => {
    const f = (c.finality as any).data.finalized_header.execution
    f.state_root = flipBit(f.state_root)
  }, 'InvalidMerkleBranchError'],
  ['cleared participation bits', (c) => {
    c.updates[0].data.sync_aggregate.sync_committee_bits = '0x' + '00'.repeat(64)
  }, 'InsufficientParticipationError'],
  ['one cleared participation bit', (c) => {
    const agg = c.updates[4].data.sync_aggregate
    agg.sync_committee_bits = '0x7f' + agg.sync_committee_bits.slice(4)
  }, 'InvalidSyncSignatureError'],
  ['a changed aggregate_pubkey of a next sync committee', (c) => {
    const n = c.updates[2].data.next_sync_committee
    n.aggregate_pubkey = n.pubkeys[0]
  }, 'InvalidMerkleBranchError'],
  ['a wrong fork version label', (c) => { c.updates[0].version = 'deneb' }, 'ForkMismatchError'],
  // Its header is the trusted block's: start() asks for the hand-overs before the rest is refused.
  ['a bad current-sync-committee branch node in the bootstrap', (c) => {
    const d = (c.bootstraps[HELIOS_CHECKPOINT] as any).data
    d.current_sync_committee_branch[1] = flipBit(d.current_sync_committee_branch[1])
  }, 'InvalidMerkleBranchError'],
  ['a bootstrap that is not the trusted root\'s', (c) => {
    const b = (c.bootstraps[HELIOS_CHECKPOINT] as any).data.header.beacon
    b.state_root = flipBit(b.state_root)
  }, 'TrustedRootMismatchError'],
]
