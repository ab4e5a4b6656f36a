import { ssz } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { describe, expect, it, vi } from 'vitest'
import { createSyncCommitteeKeys } from '../../../scripts/devnet/syncCommitteeKeys.ts'
import { createFixedClock } from '../../../src/lib/consensus/clock.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { createMemoryStateStore } from '../../../src/lib/consensus/LightClientStateStore.ts'
import { memoryTransport } from '../../../src/lib/consensus/memoryTransport.ts'
import { getNetwork } from '../../../src/lib/consensus/networks.ts'
import { msAtSlot } from './heliosChain.ts'
import { PERIOD, allBut, committeeOf, json, only, syntheticBootstrap, syntheticUpdate } from './syntheticChain.ts'

const honest = committeeOf(PERIOD)
const next = committeeOf(PERIOD + 1).committee
const OUTSIDE_G1 = Uint8Array.from([0x80, ...new Uint8Array(47)])

/** A light client on a synthetic chain whose bootstrap carries `current`, and one update signed as given. */
async function syncSynthetic(current: typeof honest.committee, update: ReturnType<typeof syntheticUpdate>) {
  const { bootstrap, checkpoint } = syntheticBootstrap(current, next)
  const transport = memoryTransport({ data: { bootstraps: { [checkpoint]: json.bootstrap(bootstrap) }, updates: [], finality: json.update(update) } })
  const store = createMemoryStateStore()
  const lc = new LightClient({
    network: getNetwork({ name: 'mainnet' }), transport, checkpoint, store,
    clock: createFixedClock({ nowMs: msAtSlot(update.signatureSlot + 1) }),
  })
  const heads: number[] = []
  lc.subscribe((e) => { if (e.type === 'head') heads.push(e.finalized.slot) })
  await lc.init()
  await lc.syncOnce()
  return { lc, store, heads }
}

describe('committees are validated in full once, and a bad one is refused with all it verified', () => {
  it('keeps an honest committee: the head stays, the committee is saved as validated', async () => {
    const update = syntheticUpdate({ signers: honest.keys, bits: allBut(0, 511), current: honest.committee, next })
    const { lc, store, heads } = await syncSynthetic(honest.committee, update)
    expect(lc.state.status).toBe('synced')
    expect(heads).toEqual([update.finalizedHeader.beacon.slot])
    const saved = await store.load(lc.storeKey)
    expect(saved!.validatedCommitteeRoots).toEqual([bytesToHex(ssz.altair.SyncCommittee.hashTreeRoot(honest.committee))])
    // Saved as the chain commits it: the compressed keys, byte for byte.
    expect((saved!.syncCommittees[0]!.committee as { pubkeys: string[] }).pubkeys[0]).toBe(json.bootstrap(syntheticBootstrap(honest.committee, next).bootstrap).data.current_sync_committee.pubkeys[0])
  })

  it('saves the new head before the full validation ends, its committee marked not validated, and validates it on resume', async () => {
    // A committee no other test validated (validated roots are remembered for the whole page).
    const fresh = committeeOf(PERIOD + 9)
    const update = syntheticUpdate({ signers: fresh.keys, bits: allBut(0, 511), current: fresh.committee, next })
    const { bootstrap, checkpoint } = syntheticBootstrap(fresh.committee, next)
    const transport = memoryTransport({ data: { bootstraps: { [checkpoint]: json.bootstrap(bootstrap) }, updates: [], finality: json.update(update) } })
    const store = createMemoryStateStore()
    const clock = createFixedClock({ nowMs: msAtSlot(update.signatureSlot + 1) })
    const network = getNetwork({ name: 'mainnet' })
    // The full validation never gets past its first chunk here (a tab closed while it runs).
    const lc = new LightClient({ network, transport, checkpoint, store, clock, pause: () => new Promise(() => {}) })
    await lc.init()
    void lc.syncOnce()
    const finalizedSlot = String(update.finalizedHeader.beacon.slot)
    await vi.waitFor(async () => expect(((await store.load(lc.storeKey))?.finalizedHeader as any)?.json.beacon.slot).toBe(finalizedSlot))
    expect((await store.load(lc.storeKey))!.validatedCommitteeRoots ?? []).toEqual([])

    // The next start resumes from that head and validates the committee before saving it as validated.
    const resumed = new LightClient({ network, transport, checkpoint, store, clock })
    await resumed.init()
    expect(resumed.state).toMatchObject({ checkpoint: { source: 'saved' }, finalized: { slot: update.finalizedHeader.beacon.slot } })
    await resumed.syncOnce()
    expect((await store.load(resumed.storeKey))!.validatedCommitteeRoots).toEqual([bytesToHex(ssz.altair.SyncCommittee.hashTreeRoot(fresh.committee))])
  })

  it('refuses a committee whose aggregate_pubkey is not the sum of its keys (a forged state behind a trusted root)', async () => {
    const forger = createSyncCommitteeKeys('forger', 1)
    const forged = { ...honest.committee, aggregatePubkey: forger.committee.pubkeys[0]! }
    const update = syntheticUpdate({ signers: forger, bits: only(0), claimedBits: allBut(), current: forged, next })
    const { lc, store } = await syncSynthetic(forged, update)
    expect(lc.state).toMatchObject({ status: 'error', error: { name: 'InvalidSyncCommitteeError' }, finalized: undefined, optimistic: undefined })
    expect(lc.state.endpoints[0]).toMatchObject({ faulty: true, lastError: { name: 'InvalidSyncCommitteeError' } })
    await expect(lc.getExecutionHeader('latest')).rejects.toMatchObject({ name: 'HeaderNotAvailableError' })
    expect(await store.load(lc.storeKey)).toBeUndefined()
    // Later rounds stay refused (no header comes back from the forged committee).
    await lc.syncOnce()
    expect(lc.state).toMatchObject({ status: 'error', finalized: undefined })
  })

  it('refuses a committee with an invalid key among the non-signers, and blames the endpoint that served the committee', async () => {
    const committee = { ...honest.committee, pubkeys: honest.committee.pubkeys.map((k, i) => (i === 7 ? OUTSIDE_G1 : k)) }
    const update = syntheticUpdate({ signers: honest.keys, bits: allBut(7), current: committee, next })
    const { lc, heads } = await syncSynthetic(committee, update)
    expect(heads).toEqual([])
    expect(lc.state).toMatchObject({ status: 'error', error: { name: 'InvalidSyncCommitteeError', index: 7 }, finalized: undefined })
    expect(lc.state.endpoints[0]).toMatchObject({ faulty: true, faultsProven: 1 })
  })
})
