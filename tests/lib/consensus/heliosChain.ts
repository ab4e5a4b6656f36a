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
