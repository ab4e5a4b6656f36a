import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { IDBFactory } from 'fake-indexeddb'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/lib/consensus/clock.ts'
import { createFileStateStore } from '../../../src/lib/consensus/createFileStateStore.node.ts'
import { createIndexedDbStateStore } from '../../../src/lib/consensus/createIndexedDbStateStore.ts'
import { CheckpointConflictError, CheckpointTooOldError, NoCheckpointError } from '../../../src/lib/consensus/errors.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { type LightClientStateStore, createMemoryStateStore } from '../../../src/lib/consensus/LightClientStateStore.ts'
import { memoryTransport } from '../../../src/lib/consensus/memoryTransport.ts'
import { type Network, getNetwork } from '../../../src/lib/consensus/networks.ts'
import { type FakeBeaconApi, type RecordedChain, startFakeBeaconApi } from './fakeBeaconApi.ts'
import { HELIOS_CHECKPOINT, heliosChain, msAtSlot } from './heliosChain.ts'

const servers: FakeBeaconApi[] = []
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())) })
const dirs: string[] = []
afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))) })

async function serve(chain: RecordedChain) {
  const api = await startFakeBeaconApi({ chain })
  servers.push(api)
  return api
}
/** A recorded chain served from memory: resuming and the checkpoint's age need a source of updates, not HTTP (agreement below does). */
const recorded = (chain: RecordedChain) => memoryTransport({ data: chain })
const mainnet = (urls: string[], extra: Partial<Network> = {}) => ({ ...getNetwork({ name: 'mainnet', beaconApis: urls }), ...extra })
const DAY_MS = 24 * 3600 * 1000

/** The helios chain as it stood early in period 864: the first three updates, no heads yet. */
function heliosChainUpToPeriod864(): RecordedChain {
  const early = heliosChain()
  early.updates = early.updates.slice(0, 3)
  delete early.finality
  delete early.optimistic
  return early
}

/** A first run from the helios checkpoint early in period 864, saving its state in `store`. */
async function firstRunFromHeliosCheckpoint(store: LightClientStateStore) {
  const first = recorded(heliosChainUpToPeriod864())
  const a = new LightClient({ network: mainnet([]), transport: first, checkpoint: HELIOS_CHECKPOINT, store, clock: createFixedClock({ nowMs: msAtSlot(864 * 8192 + 50) }) })
  await a.init()
  await a.syncOnce()
  return { a, savedSlot: a.state.finalized!.slot }
}
const FINALIZED_ROOT = '0xa9bb1965a6288f64374a9425f5ecb90dd81239cc2ae1a8ec8b673c13c9d2586a'

describe('resuming from the persisted header', () => {
  const stores: [string, () => Promise<LightClientStateStore>][] = [
    ['memory', async () => createMemoryStateStore()],
    ['file (Node)', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'latchkey-lc-'))
      dirs.push(dir)
      return createFileStateStore({ directory: dir })
    }],
    ['IndexedDB (fake-indexeddb)', async () => createIndexedDbStateStore({ indexedDB: new IDBFactory() })],
  ]

  it.each(stores)('continues through later hand-overs without the checkpoint (%s store)', async (_, makeStore) => {
    const store = await makeStore()
    // First run: the chain only up to period 864.
    const { a, savedSlot } = await firstRunFromHeliosCheckpoint(store)
    const savedPeriod = Math.floor(savedSlot / 8192)
    expect(savedPeriod).toBe(863)

    // Second run: no checkpoint, and the endpoint cannot serve any bootstrap.
    const late = heliosChain()
    late.bootstraps = {}
    const second = recorded(late)
    const b = new LightClient({ network: mainnet([]), transport: second, store, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await b.init()
    expect(b.state.checkpoint?.source).toBe('saved')
    expect(b.state.finalized!.slot).toBe(savedSlot)
    await b.syncOnce()
    expect(b.state.finalized).toMatchObject({ slot: 7109344, beaconRoot: FINALIZED_ROOT })
    expect(b.state.status).toBe('synced')
    expect(second.requests.some((r) => r.includes('bootstrap'))).toBe(false)
    // The hand-overs start at the saved period (the heads are fetched alongside them).
    expect(second.requests.filter((r) => r.includes('/updates?'))[0]).toBe(`/eth/v1/beacon/light_client/updates?start_period=${savedPeriod}&count=5`)
    // The newest finalized header was saved in turn.
    const saved = await store.load(b.storeKey)
    expect((saved!.finalizedHeader as any).json.beacon.slot).toBe('7109344')
  })

  it('start() on a saved state asks for the heads while the state is still being read, and the hand-overs from its period', async () => {
    const store = createMemoryStateStore()
    const { savedSlot } = await firstRunFromHeliosCheckpoint(store)
    const late = heliosChain()
    late.bootstraps = {}
    const second = recorded(late)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const slowStore: LightClientStateStore = { ...store, load: async (key) => (await held, store.load(key)) }
    const b = new LightClient({ network: mainnet([]), transport: second, store: slowStore, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    const synced = new Promise<void>((resolve) => b.subscribe((e) => { if (e.type === 'state' && e.state.status === 'synced') resolve() }))
    const running = b.start()
    await new Promise((resolve) => setTimeout(resolve, 0))
    // The saved state is not read yet: a resume needs only the heads (and the hand-overs), so they go out now.
    expect(second.requests).toEqual(['/eth/v1/beacon/light_client/finality_update', '/eth/v1/beacon/light_client/optimistic_update'])
    release()
    await synced
    await b.stop()
    await running
    expect(b.state.finalized).toMatchObject({ slot: 7109344, beaconRoot: FINALIZED_ROOT })
    expect(second.requests.filter((r) => r.includes('/updates?'))[0]).toBe(`/eth/v1/beacon/light_client/updates?start_period=${Math.floor(savedSlot / 8192)}&count=5`)
  })

  it('resumes when given again the same trusted root the saved state was verified from; another root overrides it', async () => {
    const store = createMemoryStateStore()
    const { a, savedSlot } = await firstRunFromHeliosCheckpoint(store)
    expect((await store.load(a.storeKey))!.anchorRoot).toBe(HELIOS_CHECKPOINT)

    // Same root again (as an app started from the same link does): no bootstrap, the chain goes on.
    const late = heliosChain()
    late.bootstraps = {}
    const second = recorded(late)
    const b = new LightClient({ network: mainnet([]), transport: second, checkpoint: HELIOS_CHECKPOINT, store, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await b.init()
    expect(b.state.checkpoint?.source).toBe('saved')
    expect(b.state.finalized!.slot).toBe(savedSlot)
    await b.syncOnce()
    expect(b.state.finalized).toMatchObject({ slot: 7109344, beaconRoot: FINALIZED_ROOT })
    expect(second.requests.some((r) => r.includes('bootstrap'))).toBe(false)
    // The anchor survives the resumed run's saves.
    expect((await store.load(b.storeKey))!.anchorRoot).toBe(HELIOS_CHECKPOINT)

    // Another pasted root is the user's decision: it overrides the saved state (and bootstraps).
    const third = recorded(heliosChain())
    const c = new LightClient({ network: mainnet([]), transport: third, checkpoint: FINALIZED_ROOT, store, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await c.init().catch(() => undefined)
    expect(third.requests.some((r) => r.includes(`bootstrap/${FINALIZED_ROOT}`))).toBe(true)
  })

  it('resumes from a state saved before the own core (Lodestar store: committees of two periods, no validation fields)', async () => {
    const store = createMemoryStateStore()
    const { a, savedSlot } = await firstRunFromHeliosCheckpoint(store)
    const saved = (await store.load(a.storeKey))!
    const period = Math.floor(savedSlot / 8192)
    // What Lodestar's store kept: the previous period's committee too, and no participation maxima.
    const old = { ...saved, syncCommittees: [{ period: period - 1, committee: saved.syncCommittees[0]!.committee }, ...saved.syncCommittees] }
    delete old.maxActiveParticipants
    delete old.validatedCommitteeRoots
    await store.save(a.storeKey, old)
    const late = heliosChain()
    late.bootstraps = {}
    const second = recorded(late)
    const b = new LightClient({ network: mainnet([]), transport: second, store, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await b.init()
    expect(b.state).toMatchObject({ checkpoint: { source: 'saved' }, finalized: { slot: savedSlot } })
    await b.syncOnce()
    expect(b.state.finalized).toMatchObject({ slot: 7109344, beaconRoot: FINALIZED_ROOT })
    expect((await store.load(b.storeKey))!.validatedCommitteeRoots!.length).toBeGreaterThan(0)
  })

  it('refuses a saved header older than the weak-subjectivity period, and starts over once it is forgotten', async () => {
    const store = createMemoryStateStore()
    const api = recorded(heliosChain())
    const a = new LightClient({ network: mainnet([]), transport: api, checkpoint: HELIOS_CHECKPOINT, store, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await a.init()
    await a.syncOnce()
    const b = new LightClient({ network: mainnet([]), transport: api, store, clock: createFixedClock({ nowMs: msAtSlot(7109433) + 30 * DAY_MS }) })
    const error = await b.init().catch((e) => e)
    expect(error).toBeInstanceOf(CheckpointTooOldError)
    expect(b.state).toMatchObject({ status: 'error', error: { name: 'CheckpointTooOldError' } })
    await b.forgetSavedState()
    expect(await store.load(b.storeKey)).toBeUndefined()
  })
})

describe('choosing a checkpoint', () => {
  it('refuses a pasted checkpoint older than the weak-subjectivity period, explaining what to do', async () => {
    const api = recorded(heliosChain())
    const lc = new LightClient({ network: mainnet([]), transport: api, checkpoint: HELIOS_CHECKPOINT, clock: createFixedClock({ nowMs: msAtSlot(7069376) + 15 * DAY_MS }) })
    const error = await lc.init().catch((e) => e)
    expect(error).toBeInstanceOf(CheckpointTooOldError)
    expect(error.slot).toBe(7069376)
    expect(error.message).toContain('older than the weak-subjectivity period (14 days)')
    expect(error.message).toContain('Paste a recent finalized block root')
    expect(lc.state.status).toBe('error')
  })

  it('takes a finalized root only when two independent endpoints agree on it', async () => {
    const [a, b] = [await serve({ ...heliosChain(), finalizedRoot: HELIOS_CHECKPOINT }), await serve({ ...heliosChain(), finalizedRoot: HELIOS_CHECKPOINT })]
    const lc = new LightClient({ network: mainnet([a.url, b.url]), clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await lc.init()
    expect(lc.state.checkpoint).toEqual({ root: HELIOS_CHECKPOINT, source: 'agreed', agreeing: [new URL(a.url).host, new URL(b.url).host] })
    await lc.syncOnce()
    expect(lc.state.finalized!.beaconRoot).toBe(FINALIZED_ROOT)
  })

  it('start() without a root to trust ends in error and asks for no heads (nothing could check them)', async () => {
    const source = recorded({ ...heliosChain(), finalizedRoot: HELIOS_CHECKPOINT })
    const lc = new LightClient({ network: mainnet([]), transport: source, clock: createFixedClock({ nowMs: msAtSlot(7109433) }) })
    await lc.start()
    expect(lc.state.status).toBe('error')
    expect(lc.state.error).toBeInstanceOf(NoCheckpointError)
    expect(source.requests).toEqual(['/eth/v1/beacon/headers/finalized'])
  })

  it('does not take a root from a single endpoint, nor from two that disagree; falls back to the shipped root', async () => {
    const single = await serve({ ...heliosChain(), finalizedRoot: HELIOS_CHECKPOINT })
    const clock = createFixedClock({ nowMs: msAtSlot(7109433) })
    const alone = new LightClient({ network: mainnet([single.url]), clock })
    await expect(alone.init()).rejects.toBeInstanceOf(NoCheckpointError)

    const other = await serve({ ...heliosChain(), finalizedRoot: '0x' + '11'.repeat(32) })
    const split = new LightClient({ network: mainnet([single.url, other.url]), clock })
    const error = await split.init().catch((e) => e)
    expect(error).toBeInstanceOf(CheckpointConflictError)
    expect(split.state).toMatchObject({ status: 'error', checkpoint: undefined, error: { name: 'CheckpointConflictError' } })

    const shipped = new LightClient({ network: mainnet([single.url, other.url], { checkpoint: HELIOS_CHECKPOINT }), clock })
    await shipped.init()
    expect(shipped.state.checkpoint).toEqual({ root: HELIOS_CHECKPOINT, source: 'shipped' })
  })
})

describe('createFileStateStore', () => {
  it('keeps the last of concurrent saves whole, from the same process', async () => {
    const { mkdtemp, readdir } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { createFileStateStore } = await import('../../../src/lib/consensus/createFileStateStore.node.ts')
    const directory = await mkdtemp(join(tmpdir(), 'latchkey-store-'))
    const store = createFileStateStore({ directory })
    const states = Array.from({ length: 20 }, (_, i) => ({ marker: i, filler: 'x'.repeat(50_000) }))
    await Promise.all(states.map((s) => store.save('net', s as never)))
    const loaded = (await store.load('net')) as unknown as { marker: number; filler: string }
    expect(loaded.filler.length).toBe(50_000)
    expect(states.map((s) => s.marker)).toContain(loaded.marker)
    expect((await readdir(directory)).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})
