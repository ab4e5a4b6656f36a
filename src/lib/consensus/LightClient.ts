import type { LightClientConfig } from './createLightClientConfig.ts'
import { SYNC_COMMITTEE_SIZE } from '@lodestar/params'
import type { LightClientHeader, LightClientUpdate, altair } from '@lodestar/types'
import { bytesToHex, hexToBytes } from 'viem'
import type { ConsensusProof } from '../bundle/types.ts'
import { BaseError } from '../errors.ts'
import type { BlockSelector, VerifiedExecutionHeader, VerifiedHeaderSource } from '../execution/types.ts'
import type { BeaconEndpointPool } from './BeaconEndpointPool.ts'
import type { BlsBackend } from './bls/BlsBackend.ts'
import { loadDefaultBls } from './bls/loadDefaultBls.ts'
import { type Clock, slotAtTime, systemClock } from './clock.ts'
import { collectConsensusProof } from './collectConsensusProof.ts'
import { HeaderNotAvailableError, InvalidSyncCommitteeError, IrrelevantUpdateError, UnusableUpdateError, carriesProvenFault } from './errors.ts'
import type { HeadEvidence } from './headRecord.ts'
import { HeadRecords } from './HeadRecords.ts'
import { httpTransport } from './httpTransport.ts'
import { LightClientPersistence } from './LightClientPersistence.ts'
import type { LightClientEvent, LightClientState, LightClientStatus } from './LightClientState.ts'
import type { LightClientStateStore } from './LightClientStateStore.ts'
import type { LightClientTransport, LightClientTransportFactory } from './LightClientTransport.ts'
import { type Hex, type Network, createNetworkConfig } from './networks.ts'
import { pickExecutionHeader } from './pickExecutionHeader.ts'
import { preverifySignatures } from './preverifySignatures.ts'
import { resolveCheckpoint } from './resolveCheckpoint.ts'
import { computeSyncCommitteePeriodAtSlot as periodOf } from './spec/computeSyncCommitteePeriodAtSlot.ts'
import { initializeLightClientStore } from './spec/initializeLightClientStore.ts'
import type { LightClientStore, SpecContext } from './spec/LightClientStore.ts'
import { processLightClientStoreForceUpdate } from './spec/processLightClientStoreForceUpdate.ts'
import { processLightClientUpdate } from './spec/processLightClientUpdate.ts'
import { syncCommitteeSigningRoot } from './spec/syncCommitteeSigningRoot.ts'
import { toLightClientUpdate } from './spec/toLightClientUpdate.ts'
import { countParticipants, isFinalityUpdate, isSyncCommitteeUpdate } from './spec/updatePredicates.ts'
import { type HeldBackUpdate, syncCommitteeHandovers } from './syncCommitteeHandovers.ts'
import { BeaconBlockHeader } from './lightClientSsz.ts'
import { SyncCommitteeValidator } from './SyncCommitteeValidator.ts'
import { SyncStatus } from './SyncStatus.ts'
import { type ConsensusHeader, toConsensusHeader } from './toConsensusHeader.ts'
import { verifyCheckpointAge } from './verifyCheckpointAge.ts'

// The state's types live with the status machine; importers of the light client find them here too.
export type { LightClientEvent, LightClientState, LightClientStatus } from './LightClientState.ts'

export type LightClientParameters = {
  network: Network
  /** Defaults to `network.beaconApis`. */
  beaconApis?: string[]
  /**
   * Where the data comes from; default: httpTransport over `beaconApis` with `fetch`,
   * `timeoutMs` and `maxBytes` (which only that default uses).
   */
  transport?: LightClientTransportFactory
  /** A trusted block root the user pasted; overrides the saved state and endpoint agreement. */
  checkpoint?: Hex
  store?: LightClientStateStore
  clock?: Clock
  fetch?: typeof fetch
  timeoutMs?: number
  maxBytes?: number
  minAgreeingEndpoints?: number
  /** Synced when the optimistic head is at most this many slots behind the clock. Default 8. */
  syncedToleranceSlots?: number
  /** An endpoint whose head is this many slots behind the best is flagged lagging. Default 64. */
  lagSlots?: number
  maxUpdatesPerRequest?: number
  /** BLS backend of the sync core; default: native blst in Node, @noble/curves elsewhere (loadDefaultBls). */
  bls?: BlsBackend
  /** Runs between chunks of the idle committee validation; default: a macrotask. */
  pause?: () => Promise<void>
}

/**
 * The embedded consensus light client: the sync loop of our own sync-protocol core
 * (src/lib/consensus/spec, the consensus specs' light-client sync protocol) fed through a
 * transport of untrusted beacon APIs. Every answer is verified before use; an answer that fails
 * verification is blamed on the endpoint that sent it and fetched again from another. The
 * status machine (SyncStatus), the saved state (LightClientPersistence), the transport and the
 * record of trusted heads (HeadRecords) live in their own modules.
 */
export class LightClient implements VerifiedHeaderSource {
  readonly network: Network
  readonly config: LightClientConfig
  readonly transport: LightClientTransport
  #clock: Clock
  #saved: LightClientPersistence
  #opts: Required<Pick<LightClientParameters, 'minAgreeingEndpoints' | 'syncedToleranceSlots' | 'lagSlots' | 'maxUpdatesPerRequest'>>
  #userCheckpoint: Hex | undefined
  /** The spec's LightClientStore (undefined before init, and after its committee was refused). */
  #core: LightClientStore | undefined
  #bls: BlsBackend | undefined
  #pause: () => Promise<void>
  /** Set by init(), with the BLS backend. */
  #context!: SpecContext
  #committees!: SyncCommitteeValidator
  /** Which endpoint served each committee (blamed if the committee turns out invalid). */
  #sources = new WeakMap<altair.SyncCommittee, string>()
  #refused: InvalidSyncCommitteeError | undefined
  #status = new SyncStatus({ read: () => this.state })
  /** The trusted root the verified chain started from (kept across restarts). */
  #anchorRoot: Hex | undefined
  #abort = new AbortController()
  #running: Promise<void> | undefined
  #heads = new HeadRecords()
  /** The headers the last head event announced (a round settles twice when it holds a hand-over back). */
  #reported: { finalized?: LightClientHeader; optimistic?: LightClientHeader } = {}

  constructor(params: LightClientParameters) {
    this.network = params.network
    this.config = createNetworkConfig(params.network)
    this.#clock = params.clock ?? systemClock
    this.#saved = new LightClientPersistence({ store: params.store, network: params.network, config: this.config })
    this.#userCheckpoint = params.checkpoint
    this.#opts = {
      minAgreeingEndpoints: params.minAgreeingEndpoints ?? 2,
      syncedToleranceSlots: params.syncedToleranceSlots ?? 8,
      lagSlots: params.lagSlots ?? 64,
      maxUpdatesPerRequest: params.maxUpdatesPerRequest ?? 8,
    }
    this.#bls = params.bls
    this.#pause = params.pause ?? nextTask
    const transport = params.transport ?? httpTransport({ urls: params.beaconApis ?? params.network.beaconApis, timeoutMs: params.timeoutMs, maxBytes: params.maxBytes, fetch: params.fetch })
    this.transport = transport({ config: this.config, now: () => this.#clock.now(), onHealthChange: () => this.#status.emitState() })
  }

  /** The transport's endpoints: their health, proven faults, and the list the user edits. */
  get pool(): BeaconEndpointPool {
    return this.transport.pool
  }

  get state(): LightClientState {
    const store = this.#core
    return this.#status.toState({
      nowMs: this.#clock.now(),
      ...this.#storeHeaders(),
      syncPeriod: store && periodOf(store.finalizedHeader.beacon.slot),
      currentSlot: this.currentSlot,
      secondsPerSlot: this.config.SECONDS_PER_SLOT,
      endpoints: this.pool.health,
    })
  }

  get currentSlot(): number {
    return slotAtTime({ nowMs: this.#clock.now(), genesisTime: this.network.genesisTime, secondsPerSlot: this.config.SECONDS_PER_SLOT })
  }

  /** The key under which this network's verified state is saved. */
  get storeKey(): string {
    return this.#saved.key
  }

  subscribe(listener: (event: LightClientEvent) => void): () => void {
    return this.#status.subscribe(listener)
  }

  /**
   * Initializes (resume or bootstrap), then keeps syncing every slot until `stop()`. The first
   * round's heads (finality and optimistic updates) are fetched while the bootstrap is, its first
   * committee hand-overs as soon as the bootstrap's header is known to be the trusted block (while
   * the rest of the bootstrap is verified): all of them are verified and applied once the store
   * exists, in the spec's order, as in every round.
   */
  start(): Promise<void> {
    this.#running ??= (async () => {
      // The store's period, once known: the round's hand-overs start then, synchronously (their
      // request goes out before the rest of the bootstrap is verified, not a task later).
      let known: { period: number | undefined } | undefined
      let onKnown: ((period: number | undefined) => void) | undefined
      const announce = (period: number | undefined) => {
        if (known) return
        known = { period }
        onKnown?.(period)
      }
      // Whether the round's heads are to be asked for (false: init ended without a store or a bootstrap asked).
      let headsWanted!: (wanted: boolean) => void
      const asked = new Promise<boolean>((resolve) => (headsWanted = resolve))
      const onAsked = () => headsWanted(true)
      const initialized = this.#init({ onFirstPeriod: announce, onAsked }).then(() => this.#core, () => undefined)
      void initialized.then(() => {
        announce(undefined)
        headsWanted(this.#core !== undefined)
      })
      const firstPeriod: FirstPeriod = (start) => (known ? start(known.period) : (onKnown = start))
      if (!(await this.#round(initialized, { asked, firstPeriod }))) return
      while (!this.#abort.signal.aborted) {
        await this.#clock.sleep(this.config.SECONDS_PER_SLOT * 1000, this.#abort.signal)
        if (this.#abort.signal.aborted) break
        await this.syncOnce()
      }
    })()
    return this.#running
  }

  async stop(): Promise<void> {
    this.#abort.abort()
    await this.#running
  }

  /**
   * Resumes from the saved state, or bootstraps from a checkpoint (the user's root, else one two
   * endpoints agree on, else the network's shipped one). Throws (and sets status `error`) when
   * no trustworthy start exists.
   */
  init(): Promise<void> {
    return this.#init()
  }

  /**
   * init(), telling start() what its first round can begin with before init ends: `onAsked` once
   * the round's heads may be asked for (at once when a saved state may be resumed: then they are
   * what the head waits for, and go out while it is read; else once the bootstrap's request has
   * left, which is then the one on the path to the head), `onFirstPeriod` the store's period as
   * soon as it is known (the first hand-overs are asked for then).
   */
  async #init({ onFirstPeriod, onAsked }: { onFirstPeriod?: (period: number) => void; onAsked?: () => void } = {}): Promise<void> {
    this.#setStatus('bootstrapping')
    if (this.#saved.canResume) onAsked?.()
    try {
      if (!this.#context) {
        const bls = this.#bls ??= await loadDefaultBls()
        this.#committees = new SyncCommitteeValidator({ bls, pause: this.#pause })
        this.#context = { config: this.config, bls, onSyncCommitteeUsed: (committee) => this.#committees.note(committee, this.#sources.get(committee)) }
      }
      const saved = await this.#saved.load({ userCheckpoint: this.#userCheckpoint })
      if (saved) {
        this.#verifyFresh(saved.store.finalizedHeader.beacon.slot)
        this.#committees.markValidated(saved.validatedCommitteeRoots)
        this.#useStore(saved.store)
        this.#status.setCheckpoint({ root: toConsensusHeader(saved.store.finalizedHeader).beaconRoot, source: 'saved' })
        this.#anchorRoot = saved.anchorRoot
        onFirstPeriod?.(periodOf(saved.store.finalizedHeader.beacon.slot))
        onAsked?.()
        this.#setStatus('syncing')
        return
      }
      const { root, source, agreeing } = await resolveCheckpoint({
        transport: this.transport, userRoot: this.#userCheckpoint, shippedRoot: this.network.checkpoint, minAgreeing: this.#opts.minAgreeingEndpoints,
      })
      const bootstrapping = this.transport.getBootstrap({
        blockRoot: root,
        signal: this.#abort.signal,
        verify: (bootstrap) => {
          const trustedBlockRoot = hexToBytes(root)
          // The header whose root is the trusted root has one slot, so the store's period is known
          // now; nothing the hand-overs asked for with it is checked or applied before the store is.
          if (onFirstPeriod && bytesToHex(BeaconBlockHeader.hashTreeRoot(bootstrap.header.beacon)) === root.toLowerCase()) onFirstPeriod(periodOf(bootstrap.header.beacon.slot))
          return initializeLightClientStore({ config: this.config, trustedBlockRoot, bootstrap })
        },
      })
      onAsked?.()
      const { value: store, endpoint } = await bootstrapping
      this.#verifyFresh(store.finalizedHeader.beacon.slot)
      this.#sources.set(store.currentSyncCommittee, endpoint)
      this.#useStore(store)
      this.#status.setCheckpoint(agreeing ? { root, source, agreeing } : { root, source })
      this.#anchorRoot = root
      this.#heads.record({ update: undefined, via: 'checkpoint', header: store.finalizedHeader, core: store, anchorRoot: root })
      this.#status.noteUpdate(this.#clock.now())
      await this.#persist()
      this.#setStatus('syncing')
    } catch (error) {
      this.#setStatus('error', toBaseError(error))
      throw error
    }
  }

  /** Removes the saved state (the way forward after a CheckpointTooOldError on resume). */
  async forgetSavedState(): Promise<void> {
    await this.#saved.clear()
  }

  /**
   * One round: the committee hand-overs up to the current period, the finality update and every
   * endpoint's optimistic head, all three fetched at once and applied in the spec's order
   * (hand-overs, then finality, then the heads: a finality or optimistic update may need the
   * committee the hand-overs bring). Every answer is verified whoever sent it, so fetching the
   * heads before the hand-overs have proven an endpoint faulty trusts nothing more: what that
   * endpoint serves is still checked against the committees before it is applied.
   * Afterwards, off the path to the head, every committee relied on is validated in full.
   */
  async syncOnce(): Promise<void> {
    const core = this.#core
    if (!core) {
      if (this.#refused) return this.#setStatus('error', this.#refused)
      throw new HeaderNotAvailableError({ reason: 'the light client is not initialized' })
    }
    await this.#round(Promise.resolve(core))
  }

  /**
   * A round on the store `ready` resolves to (undefined: init failed, nothing to do). The heads
   * are requested at once; the hand-overs as soon as the store is there. Returns false when there
   * was no store.
   */
  async #round(ready: Promise<LightClientStore | undefined>, init?: { asked: Promise<boolean>; firstPeriod: FirstPeriod }): Promise<boolean> {
    const attempt = (step: () => Promise<void>) => step().then(() => undefined, (error: unknown) => toBaseError(error))
    // What the store holds before anything of this round is applied (the hand-overs start right after).
    const started = ready.then((core) => core && { core, finalizedBefore: core.finalizedHeader, optimisticBefore: core.optimisticHeader })
    // The heads that arrived and wait for what comes before them: their signatures join the
    // batch of the answer that arrives before them (preverifySignatures), in the order of application.
    const waiting: WaitingHeads = { finality: new Set(), optimistic: new Set() }
    // The clock's own period's hand-over, when the heads can be checked without it: applied after them.
    const heldBack: HeldBackUpdate[] = []
    let asked!: () => void
    const handoversAsked = new Promise<void>((resolve) => (asked = resolve))
    const committees = new Promise<BaseError | undefined>((resolve) => {
      const run = (first: number | undefined) => {
        resolve(attempt(() => this.#syncCommitteePeriods({ ready, first, waiting, heldBack })))
        // Their first request has left (or none was needed): the round waits for the network now.
        asked()
      }
      if (init) init.firstPeriod(run)
      else run(undefined)
    })
    // A head's signature is prepared once the hand-overs are asked for, not before: that work
    // must not delay the bootstrap's decoding (and the request it lets go).
    const prepare = (update: LightClientUpdate) => void handoversAsked.then(() => this.#prepareSignature(update))
    // The first round's heads are asked for right after the bootstrap (init.asked), not before it.
    // An init that fails before it asks for a bootstrap (no checkpoint to trust) asks for no heads either.
    const headsNow = init?.asked ?? Promise.resolve(true)
    const finality = headsNow.then((wanted) => wanted ? attempt(() => this.#syncFinality(ready, committees, waiting, prepare)) : undefined)
    const optimistic = headsNow.then((wanted) => wanted ? attempt(() => this.#syncOptimistic(ready, finality, waiting, prepare)) : undefined)
    // No store (init failed and said why): the heads asked for meanwhile are dropped unapplied.
    const round = await started
    if (!round) return false
    const { core, finalizedBefore, optimisticBefore } = round
    this.#reported = { finalized: finalizedBefore, optimistic: optimisticBefore }
    const errors = (await Promise.all([committees, finality, optimistic])).filter((e): e is BaseError => e !== undefined)
    // The spec's force update (finality overdue) waits for the held-back hand-over, which may move finality.
    if (!this.#settle({ core, finalizedBefore, optimisticBefore, errors, force: heldBack.length === 0 })) return true
    // The next period's committee, after the heads are shown: verified and blamed as any answer.
    if (heldBack.length > 0) {
      for (const { update, endpoint, path } of heldBack) {
        try {
          this.#apply(core, update, endpoint, { head: false })
        } catch (error) {
          this.pool.recordFailure(endpoint, error, path)
          errors.push(toBaseError(error))
        }
      }
      if (!this.#settle({ core, finalizedBefore, optimisticBefore, errors, force: true })) return true
    }
    const finalizedMoved = core.finalizedHeader !== finalizedBefore
    // Saved at once, as the bootstrap is: a committee not yet validated in full is saved as such
    // (not among validatedCommitteeRoots) and validated after the first round of the next start,
    // exactly as it is here. A tab closed before the validation ends still resumes from here,
    // not from the periods before.
    const persist = () => this.#persist().catch((error) => this.#setStatus(this.#status.status, toBaseError(error)))
    if (finalizedMoved) await persist()
    this.#noteStoreCommittees(core)
    const validated = this.#committees.hasPending
    if (!(await this.#validateCommittees())) return true
    if (validated) await persist()
    return true
  }

  /**
   * The store after what the round applied: the force update of the spec when finality is overdue,
   * the head event if it moved, the status. Returns false when the store was refused meanwhile.
   */
  #settle({ core, finalizedBefore, optimisticBefore, errors, force }: { core: LightClientStore; finalizedBefore: LightClientHeader; optimisticBefore: LightClientHeader; errors: BaseError[]; force: boolean }): boolean {
    if (force && this.#core === core && processLightClientStoreForceUpdate(core, this.#toleratedSlot())) this.#noteStoreCommittees(core)
    if (this.#core !== core) {
      this.#setStatus('error', this.#refused)
      return false
    }
    if (core.finalizedHeader !== this.#reported.finalized || core.optimisticHeader !== this.#reported.optimistic) {
      this.#reported = { finalized: core.finalizedHeader, optimistic: core.optimisticHeader }
      this.#status.noteUpdate(this.#clock.now())
      this.#status.emitHead()
    }
    const finalizedSlot = core.finalizedHeader.beacon.slot
    const optimisticSlot = core.optimisticHeader.beacon.slot
    const progressed = finalizedSlot > finalizedBefore.beacon.slot || optimisticSlot > optimisticBefore.beacon.slot
    if (this.currentSlot - optimisticSlot <= this.#opts.syncedToleranceSlots) this.#setStatus('synced')
    else if (progressed) this.#setStatus('syncing')
    // Evidence of a forgery outranks the outages it causes (a faulty endpoint is not asked again).
    else this.#setStatus('stalled', errors.find(carriesProvenFault) ?? errors[0] ?? new BaseError(`No beacon API served a head newer than slot ${optimisticSlot} (clock: slot ${this.currentSlot}).`))
    return true
  }

  /** Adopts a store: its committees are relied on from now on (and validated in the next round). */
  #useStore(store: LightClientStore): void {
    this.#core = store
    this.#refused = undefined
    this.#noteStoreCommittees(store)
  }

  #noteStoreCommittees(store: LightClientStore): void {
    for (const committee of [store.currentSyncCommittee, store.nextSyncCommittee])
      if (committee) this.#committees.note(committee, this.#sources.get(committee))
  }

  /**
   * Validates every committee relied on since the last check (all keys, their sum against
   * aggregate_pubkey). On a bad one the whole store is refused: the endpoint that served the
   * committee is marked faulty, the heads verified through it are dropped and not saved.
   */
  async #validateCommittees(): Promise<boolean> {
    const core = this.#core
    if (!core) return false
    this.#noteStoreCommittees(core)
    try {
      await this.#committees.validatePending()
      return true
    } catch (error) {
      if (!(error instanceof InvalidSyncCommitteeError)) throw error
      await this.#refuse(error)
      return false
    }
  }

  async #refuse(error: InvalidSyncCommitteeError): Promise<void> {
    error.endpoint ??= this.#committees.endpointOf(error.committeeRoot)
    if (error.endpoint) this.pool.recordFailure(error.endpoint, error)
    this.#core = undefined
    this.#refused = error
    this.#status.setParticipation(undefined)
    this.#setStatus('error', error)
    await this.#saved.clear().catch(() => undefined)
  }

  /**
   * The hand-overs up to the clock's period, the first asked for from `first` at once (before the
   * store `ready` resolves to exists; undefined: from the store's period), applied to the store;
   * the progress shown meanwhile is cleared at the end, whatever happened.
   */
  async #syncCommitteePeriods({ ready, first, waiting, heldBack }: { ready: Promise<LightClientStore | undefined>; first: number | undefined; waiting: WaitingHeads; heldBack: HeldBackUpdate[] }): Promise<void> {
    let core: LightClientStore | undefined
    const store = ready.then((c) => (core = c))
    try {
      await syncCommitteeHandovers({
        transport: this.transport,
        // Set before anything is applied: the hand-overs apply nothing before `store` resolves.
        core: store,
        firstPeriod: first,
        currentSlot: () => this.currentSlot,
        maxUpdatesPerRequest: this.#opts.maxUpdatesPerRequest,
        apply: (update, endpoint) => this.#apply(core!, update, endpoint),
        beforeApply: (updates) => this.#preverify(core!, [...updates, ...waiting.finality, ...waiting.optimistic]),
        later: (update) => heldBack.push(update),
        onProgress: (progress) => this.#status.setCommitteeProgress(progress),
        signal: this.#abort.signal,
      })
    } finally {
      this.#status.setCommitteeProgress(undefined)
    }
  }

  /** The finality update, applied once the round's hand-overs (`after`) are in. */
  async #syncFinality(ready: Promise<LightClientStore | undefined>, after: Promise<unknown>, waiting: WaitingHeads, prepare: (update: LightClientUpdate) => void): Promise<void> {
    await this.transport.getFinalityUpdate({
      signal: this.#abort.signal,
      verify: async (answer, endpoint) => {
        const update = toLightClientUpdate(this.config, answer)
        prepare(update)
        waiting.finality.add(update)
        try {
          const core = await ready
          await after
          if (!core) return
          // A task of its own for the pairing: the answer's decoding and its signature's preparation
          // (hash_to_curve, 35-160 ms on a start's cold JIT) were one, and a message to the worker
          // (the page's 'start' to a head-started client) is handled between the two.
          await nextTask()
          this.#preverify(core, [update, ...waiting.optimistic])
          this.#apply(core, update, endpoint)
        } finally {
          waiting.finality.delete(update)
        }
      },
    })
  }

  /**
   * Asks every endpoint for its head: the best verified one wins, and lagging endpoints show up.
   * Fetched at once with the finality update, applied after it (the spec's order of the two).
   */
  async #syncOptimistic(ready: Promise<LightClientStore | undefined>, after: Promise<unknown>, waiting: WaitingHeads, prepare: (update: LightClientUpdate) => void): Promise<void> {
    const answers = await this.transport.getOptimisticUpdates({
      signal: this.#abort.signal,
      verify: async (answer, endpoint) => {
        const update = toLightClientUpdate(this.config, answer)
        prepare(update)
        waiting.optimistic.add(update)
        try {
          const core = await ready
          await after
          if (!core) return undefined
          await nextTask() // as the finality update's
          this.#preverify(core, [...waiting.optimistic])
          this.#apply(core, update, endpoint)
          return update.attestedHeader.beacon.slot
        } finally {
          waiting.optimistic.delete(update)
        }
      },
    })
    for (const { endpoint, value } of answers) if (value !== undefined) this.pool.recordHead(endpoint, value, { lagSlots: this.#opts.lagSlots })
  }

  /**
   * Hashes the update's signing root to G2 and decodes its signature now (BlsBackend.prepare), while
   * the round waits for the bootstrap or the hand-overs anyway: the batch that verifies it later
   * finds that work done. Decides nothing; the update is checked as before. Skipped for an update
   * the store would ignore (attested at or before its finalized header).
   */
  #prepareSignature(update: LightClientUpdate): void {
    const core = this.#core
    if (!this.#bls?.prepare || (core && update.attestedHeader.beacon.slot <= core.finalizedHeader.beacon.slot)) return
    this.#bls.prepare(syncCommitteeSigningRoot(this.config, update), update.syncAggregate.syncCommitteeSignature)
  }

  /**
   * Verifies ahead, in one multi-pairing, the signatures that applying `updates` in this order
   * will check (preverifySignatures); nothing is applied, and a forgery among them is found and
   * refused by #apply as before, with its own error and endpoint.
   */
  #preverify(core: LightClientStore, updates: LightClientUpdate[]): void {
    if (this.#core === core && updates.length > 1) preverifySignatures({ context: this.#context, store: core, updates, currentSlot: this.#toleratedSlot() })
  }

  /**
   * Runs the spec's process_light_client_update on the store; every failure arrives typed. An
   * update that brings nothing new is ignored; a committee found invalid refuses the store.
   */
  #apply(core: LightClientStore, update: LightClientUpdate, endpoint: string, { head = true }: { head?: boolean } = {}): void {
    if (this.#core !== core) throw new UnusableUpdateError({ reason: 'the light client refused the sync committee it would be checked with', cause: this.#refused })
    // Signed in a period before the store's: it cannot be checked any more, and cannot help.
    if (periodOf(update.signatureSlot) < periodOf(core.finalizedHeader.beacon.slot)) return
    if (isSyncCommitteeUpdate(update)) this.#sources.set(update.nextSyncCommittee, endpoint)
    try {
      processLightClientUpdate({ context: this.#context, store: core, update, currentSlot: this.#toleratedSlot() })
    } catch (error) {
      if (error instanceof IrrelevantUpdateError) return
      if (error instanceof InvalidSyncCommitteeError) {
        // The committee is at fault, not (necessarily) this endpoint: refuse the store, blame its source.
        void this.#refuse(error)
        throw new UnusableUpdateError({ reason: error.shortMessage, cause: error })
      }
      throw error
    }
    // The participation shown is the heads' (a held-back hand-over is older than them).
    if (head) this.#status.setParticipation({ participants: countParticipants(update), size: SYNC_COMMITTEE_SIZE })
    const anchorRoot = this.#anchorRoot
    if (core.optimisticHeader === update.attestedHeader) this.#heads.record({ update, via: 'attested', header: update.attestedHeader, core, anchorRoot })
    if (isFinalityUpdate(update) && core.finalizedHeader === update.finalizedHeader) this.#heads.record({ update, via: 'finalized', header: update.finalizedHeader, core, anchorRoot })
  }

  /** How the light client came to trust this execution block (a recent head, or the checkpoint's), or undefined. */
  headEvidence(blockHash: string): HeadEvidence | undefined {
    return this.#heads.evidence(blockHash)
  }

  /**
   * The light-client data a proof bundle needs for this block, from the trusted checkpoint: its
   * bootstrap and the committee hand-overs (fetched again through the transport and checked on
   * arrival) and the update the client verified the block with. Throws HeaderNotAvailableError
   * for a block the client holds no record of.
   */
  async consensusProof(blockHash: string): Promise<ConsensusProof> {
    const record = this.#heads.get(blockHash)
    if (!record) throw new HeaderNotAvailableError({ reason: `block ${blockHash} is not one of the recent heads this light client verified` })
    const anchorRoot = record.anchorRoot ?? this.#anchorRoot
    if (!anchorRoot) throw new HeaderNotAvailableError({ reason: 'the trusted checkpoint this chain started from is not known (a state saved by an older version)' })
    return collectConsensusProof({ transport: this.transport, context: this.#context, anchorRoot, update: record.update, signal: this.#abort.signal, maxUpdatesPerRequest: this.#opts.maxUpdatesPerRequest })
  }

  #toleratedSlot(): number {
    // Half a slot of tolerance for clock skew between us and the signers.
    return slotAtTime({ nowMs: this.#clock.now() + this.config.SECONDS_PER_SLOT * 500, genesisTime: this.network.genesisTime, secondsPerSlot: this.config.SECONDS_PER_SLOT })
  }

  #verifyFresh(slot: number): void {
    verifyCheckpointAge({ slot, nowMs: this.#clock.now(), genesisTime: this.network.genesisTime, secondsPerSlot: this.config.SECONDS_PER_SLOT, maxAgeSeconds: this.network.weakSubjectivityPeriodSeconds })
  }

  async #persist(): Promise<void> {
    const core = this.#core
    if (!core) return
    const validatedCommitteeRoots = [core.currentSyncCommittee, core.nextSyncCommittee]
      .filter((c): c is altair.SyncCommittee => c !== undefined && this.#committees.isValidated(c))
      .map((c) => this.#committees.rootOf(c))
    await this.#saved.save({ core, nowMs: this.#clock.now(), anchorRoot: this.#anchorRoot, validatedCommitteeRoots })
  }

  #setStatus(status: LightClientStatus, error?: BaseError): void {
    this.#status.set(status, error)
  }

  /** VerifiedHeaderSource: 'latest' is the optimistic head, 'finalized' the finalized one. */
  async getExecutionHeader(block: BlockSelector): Promise<VerifiedExecutionHeader> {
    // From the store's heads alone, not `state` (which also reads the clock and every endpoint's health).
    return pickExecutionHeader({ ...this.#storeHeaders(), block })
  }

  /** The store's finalized and optimistic headers (undefined before the store exists). */
  #storeHeaders(): { finalized: ConsensusHeader | undefined; optimistic: ConsensusHeader | undefined } {
    const store = this.#core
    return { finalized: store && toConsensusHeader(store.finalizedHeader), optimistic: store && toConsensusHeader(store.optimisticHeader) }
  }
}

/**
 * How a round learns the period of a store still being verified: `start` is called once, with the
 * period of the bootstrap's header (the trusted block) or of the saved state, or undefined.
 */
type FirstPeriod = (start: (period: number | undefined) => void) => void

/** A round's finality and optimistic updates that arrived and wait to be applied. */
type WaitingHeads = { finality: Set<LightClientUpdate>; optimistic: Set<LightClientUpdate> }

function toBaseError(error: unknown): BaseError {
  return error instanceof BaseError ? error : new BaseError((error as Error)?.message ?? String(error), { cause: error })
}

/** Resolves in a later task (a macrotask): what was queued meanwhile, a message among them, runs first. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}
