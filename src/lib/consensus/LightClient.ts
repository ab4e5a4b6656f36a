import type { BeaconConfig } from '@lodestar/config'
import { LightclientSpec } from '@lodestar/light-client/spec'
import { sumBits } from '@lodestar/light-client/utils'
import { FINALIZED_ROOT_DEPTH, FINALIZED_ROOT_DEPTH_ELECTRA, NEXT_SYNC_COMMITTEE_DEPTH, NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA, SYNC_COMMITTEE_SIZE, isForkPostElectra } from '@lodestar/params'
import { type LightClientBootstrap, type LightClientFinalityUpdate, type LightClientOptimisticUpdate, type LightClientUpdate, ssz } from '@lodestar/types'
import { hexToBytes } from 'viem'
import { BaseError } from '../errors.ts'
import type { BlockSelector, VerifiedExecutionHeader, VerifiedHeaderSource } from '../execution/types.ts'
import { BeaconEndpointPool, type EndpointHealth } from './BeaconEndpointPool.ts'
import { type Clock, slotAtTime, systemClock, timeAtSlot } from './clock.ts'
import { decodeLightClientData, decodeLightClientUpdates } from './decodeLightClientData.ts'
import { CheckpointTooOldError, HeaderNotAvailableError, UnusableUpdateError, WithheldDataError } from './errors.ts'
import type { LightClientStateStore } from './LightClientStateStore.ts'
import { createSnapshot, restoreSnapshot } from './lightClientSnapshot.ts'
import { type Hex, type Network, createNetworkBeaconConfig } from './networks.ts'
import { type CheckpointSource, resolveCheckpoint } from './resolveCheckpoint.ts'
import { type ConsensusHeader, toConsensusHeader } from './toConsensusHeader.ts'
import { verifyLightClientBootstrap } from './verifyLightClientBootstrap.ts'
import { verifyLightClientUpdate } from './verifyLightClientUpdate.ts'

export type LightClientStatus = 'bootstrapping' | 'syncing' | 'synced' | 'stalled' | 'error'

export type LightClientState = {
  status: LightClientStatus
  /** Why the status is what it is (for stalled / error, the cause in words). */
  reason: string | undefined
  /** The typed error behind `error` / `stalled` (switch on `error.name`). */
  error: BaseError | undefined
  /** Where the trusted start came from; for 'agreed', the hosts that named the root. */
  checkpoint: { root: Hex; source: CheckpointSource | 'saved'; agreeing?: string[] } | undefined
  finalized: ConsensusHeader | undefined
  optimistic: ConsensusHeader | undefined
  /** Sync-committee period of the finalized header. */
  syncPeriod: number | undefined
  /** Signers of the last verified update, out of 512. */
  participation: { participants: number; size: number } | undefined
  /** Clock time (ms) of the last verified update that moved a head. */
  lastUpdateAtMs: number | undefined
  msSinceLastUpdate: number | undefined
  currentSlot: number
  /** The network's slot time: the freshness limit (getFreshness) is counted in its slots. */
  secondsPerSlot: number
  endpoints: EndpointHealth[]
}

export type LightClientEvent =
  | { type: 'head'; finalized: ConsensusHeader; optimistic: ConsensusHeader }
  | { type: 'state'; state: LightClientState }

export type LightClientParameters = {
  network: Network
  /** Defaults to `network.beaconApis`. */
  beaconApis?: string[]
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
}

const SLOTS_PER_PERIOD = 8192
const periodOf = (slot: number) => Math.floor(slot / SLOTS_PER_PERIOD)

/**
 * The embedded consensus light client: Lodestar's sync-protocol store fed with data fetched
 * through a pool of untrusted beacon APIs. Every answer is verified before use; an answer that
 * fails verification is blamed on the endpoint that sent it and fetched again from another.
 */
export class LightClient implements VerifiedHeaderSource {
  readonly network: Network
  readonly config: BeaconConfig
  readonly pool: BeaconEndpointPool
  #clock: Clock
  #store: LightClientStateStore | undefined
  #opts: Required<Pick<LightClientParameters, 'minAgreeingEndpoints' | 'syncedToleranceSlots' | 'lagSlots' | 'maxUpdatesPerRequest'>>
  #userCheckpoint: Hex | undefined
  #spec: LightclientSpec | undefined
  #status: LightClientStatus = 'bootstrapping'
  #reason: string | undefined
  #error: BaseError | undefined
  #checkpoint: LightClientState['checkpoint']
  /** The trusted root the verified chain started from (kept across restarts). */
  #anchorRoot: Hex | undefined
  #participation: LightClientState['participation']
  #lastUpdateAtMs: number | undefined
  #headMoved = false
  #listeners = new Set<(event: LightClientEvent) => void>()
  #abort = new AbortController()
  #running: Promise<void> | undefined

  constructor(params: LightClientParameters) {
    this.network = params.network
    this.config = createNetworkBeaconConfig(params.network)
    this.#clock = params.clock ?? systemClock
    this.#store = params.store
    this.#userCheckpoint = params.checkpoint
    this.#opts = {
      minAgreeingEndpoints: params.minAgreeingEndpoints ?? 2,
      syncedToleranceSlots: params.syncedToleranceSlots ?? 8,
      lagSlots: params.lagSlots ?? 64,
      maxUpdatesPerRequest: params.maxUpdatesPerRequest ?? 8,
    }
    this.pool = new BeaconEndpointPool({
      urls: params.beaconApis ?? params.network.beaconApis,
      timeoutMs: params.timeoutMs,
      maxBytes: params.maxBytes,
      fetch: params.fetch,
      now: () => this.#clock.now(),
      onHealthChange: () => this.#emitState(),
    })
  }

  get state(): LightClientState {
    const store = this.#spec?.store
    const now = this.#clock.now()
    return {
      status: this.#status,
      reason: this.#reason,
      error: this.#error,
      checkpoint: this.#checkpoint,
      finalized: store && toConsensusHeader(store.finalizedHeader),
      optimistic: store && toConsensusHeader(store.optimisticHeader),
      syncPeriod: store && periodOf(store.finalizedHeader.beacon.slot),
      participation: this.#participation,
      lastUpdateAtMs: this.#lastUpdateAtMs,
      msSinceLastUpdate: this.#lastUpdateAtMs === undefined ? undefined : now - this.#lastUpdateAtMs,
      currentSlot: this.currentSlot,
      secondsPerSlot: this.config.SECONDS_PER_SLOT,
      endpoints: this.pool.health,
    }
  }

  get currentSlot(): number {
    return slotAtTime({ nowMs: this.#clock.now(), genesisTime: this.network.genesisTime, secondsPerSlot: this.config.SECONDS_PER_SLOT })
  }

  /** The key under which this network's verified state is saved. */
  get storeKey(): string {
    return `${this.network.name}-${this.network.genesisValidatorsRoot.slice(2, 18)}`
  }

  subscribe(listener: (event: LightClientEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Initializes (resume or bootstrap), then keeps syncing every slot until `stop()`. */
  start(): Promise<void> {
    this.#running ??= (async () => {
      if (!(await this.init().then(() => true, () => false))) return
      while (!this.#abort.signal.aborted) {
        await this.syncOnce()
        await this.#clock.sleep(this.config.SECONDS_PER_SLOT * 1000, this.#abort.signal)
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
  async init(): Promise<void> {
    this.#setStatus('bootstrapping')
    try {
      if (this.#store) {
        const saved = await this.#store.load(this.storeKey)
        // A pasted root overrides the saved state, unless that state was verified from the very
        // same root: then resuming trusts nothing new and spares a bootstrap on every start.
        const sameAnchor = !this.#userCheckpoint || saved?.anchorRoot?.toLowerCase() === this.#userCheckpoint.toLowerCase()
        if (saved && sameAnchor && saved.genesisValidatorsRoot === this.network.genesisValidatorsRoot) {
          const spec = restoreSnapshot({ config: this.config, state: saved, events: this.#specEvents() })
          this.#assertFresh(spec.store.finalizedHeader.beacon.slot)
          this.#spec = spec
          this.#checkpoint = { root: toConsensusHeader(spec.store.finalizedHeader).beaconRoot, source: 'saved' }
          this.#anchorRoot = saved.anchorRoot as Hex | undefined
          this.#setStatus('syncing')
          return
        }
      }
      const { root, source, agreeing } = await resolveCheckpoint({
        pool: this.pool, userRoot: this.#userCheckpoint, shippedRoot: this.network.checkpoint, minAgreeing: this.#opts.minAgreeingEndpoints,
      })
      const { value: bootstrap } = await this.pool.request({
        path: `/eth/v1/beacon/light_client/bootstrap/${root}`,
        signal: this.#abort.signal,
        handle: ({ json, headers, endpoint }) => {
          const { value } = decodeLightClientData({ config: this.config, kind: 'bootstrap', json, announcedFork: headers.get('eth-consensus-version'), url: endpoint })
          verifyLightClientBootstrap({ config: this.config, trustedBlockRoot: hexToBytes(root), bootstrap: value })
          return value as LightClientBootstrap
        },
      })
      this.#assertFresh(bootstrap.header.beacon.slot)
      this.#spec = new LightclientSpec(this.config, this.#specEvents(), bootstrap)
      this.#checkpoint = agreeing ? { root, source, agreeing } : { root, source }
      this.#anchorRoot = root
      this.#lastUpdateAtMs = this.#clock.now()
      await this.#persist()
      this.#setStatus('syncing')
    } catch (error) {
      this.#setStatus('error', toBaseError(error))
      throw error
    }
  }

  /** Removes the saved state (the way forward after a CheckpointTooOldError on resume). */
  async forgetSavedState(): Promise<void> {
    await this.#store?.clear(this.storeKey)
  }

  /** One round: committee hand-overs up to the current period, the finality update, the optimistic heads of all endpoints. */
  async syncOnce(): Promise<void> {
    const spec = this.#spec
    if (!spec) throw new HeaderNotAvailableError({ reason: 'the light client is not initialized' })
    const finalizedBefore = spec.store.finalizedHeader.beacon.slot
    const optimisticBefore = spec.store.optimisticHeader.beacon.slot
    const errors: BaseError[] = []
    const attempt = async (step: () => Promise<void>) => {
      try {
        await step()
      } catch (error) {
        errors.push(toBaseError(error))
      }
    }
    await attempt(() => this.#syncCommitteePeriods(spec))
    await attempt(() => this.#syncFinality(spec))
    await attempt(() => this.#syncOptimistic(spec))
    const finalized = spec.store.finalizedHeader.beacon.slot
    const optimistic = spec.store.optimisticHeader.beacon.slot
    if (finalized !== finalizedBefore) await this.#persist().catch((error) => errors.push(toBaseError(error)))
    if (this.#headMoved) {
      this.#headMoved = false
      this.#lastUpdateAtMs = this.#clock.now()
      const { finalized: f, optimistic: o } = this.state
      for (const listener of this.#listeners) listener({ type: 'head', finalized: f!, optimistic: o! })
    }
    const progressed = finalized > finalizedBefore || optimistic > optimisticBefore
    if (this.currentSlot - optimistic <= this.#opts.syncedToleranceSlots) this.#setStatus('synced')
    else if (progressed) this.#setStatus('syncing')
    else this.#setStatus('stalled', errors[0] ?? new BaseError(`No beacon API served a head newer than slot ${optimistic} (clock: slot ${this.currentSlot}).`))
  }

  async #syncCommitteePeriods(spec: LightclientSpec): Promise<void> {
    for (;;) {
      const currentPeriod = periodOf(this.currentSlot)
      const startPeriod = periodOf(spec.store.finalizedHeader.beacon.slot)
      if (startPeriod >= currentPeriod) return
      const before = spec.store.finalizedHeader.beacon.slot
      const count = Math.min(currentPeriod - startPeriod + 1, this.#opts.maxUpdatesPerRequest)
      await this.pool.request({
        path: `/eth/v1/beacon/light_client/updates?start_period=${startPeriod}&count=${count}`,
        signal: this.#abort.signal,
        handle: ({ json, endpoint }) => {
          const updates = decodeLightClientUpdates({ config: this.config, json, url: endpoint })
          if (updates.length === 0)
            throw new WithheldDataError({ url: endpoint, reason: `no updates from period ${startPeriod}, while the clock is in period ${currentPeriod}` })
          for (const update of updates) {
            // Updates signed before our earliest committee cannot be checked and cannot help
            // (a retry after a faulty endpoint may start behind what we already applied).
            if (periodOf(update.signatureSlot) < Math.min(...spec.store.syncCommittees.keys())) continue
            this.#apply(spec, update, () => spec.onUpdate(this.#toleratedSlot(), update))
          }
        },
      })
      if (spec.store.finalizedHeader.beacon.slot === before) return
    }
  }

  async #syncFinality(spec: LightclientSpec): Promise<void> {
    await this.pool.request({
      path: '/eth/v1/beacon/light_client/finality_update',
      signal: this.#abort.signal,
      handle: ({ json, headers, endpoint }) => {
        const { value } = decodeLightClientData({ config: this.config, kind: 'finalityUpdate', json, announcedFork: headers.get('eth-consensus-version'), url: endpoint })
        this.#apply(spec, toFullUpdate(this.config, value), () => spec.onFinalityUpdate(this.#toleratedSlot(), value))
      },
    })
  }

  /** Asks every endpoint for its head: the best verified one wins, and lagging endpoints show up. */
  async #syncOptimistic(spec: LightclientSpec): Promise<void> {
    const answers = await this.pool.requestAll({
      path: '/eth/v1/beacon/light_client/optimistic_update',
      signal: this.#abort.signal,
      handle: ({ json, headers, endpoint }) => {
        const { value } = decodeLightClientData({ config: this.config, kind: 'optimisticUpdate', json, announcedFork: headers.get('eth-consensus-version'), url: endpoint })
        this.#apply(spec, toFullUpdate(this.config, value), () => spec.onOptimisticUpdate(this.#toleratedSlot(), value))
        return value.attestedHeader.beacon.slot
      },
    })
    for (const { endpoint, value } of answers) if (value !== undefined) this.pool.recordHead(endpoint, value, { lagSlots: this.#opts.lagSlots })
    const failed = answers.filter((a) => a.error !== undefined)
    if (answers.length === 0 || failed.length === answers.length)
      throw failed.length ? toBaseError(failed[0]!.error) : new BaseError('No usable beacon API is left (all are marked faulty).')
  }

  /** Runs Lodestar's processing; on failure, finds out exactly what was wrong (typed error). */
  #apply(spec: LightclientSpec, update: LightClientUpdate, process: () => void): void {
    const currentSlot = this.#toleratedSlot()
    if (update.signatureSlot > currentSlot)
      throw new UnusableUpdateError({ reason: `it is signed at slot ${update.signatureSlot}, after the current slot ${currentSlot} (check the clock)` })
    try {
      process()
    } catch (error) {
      const committee = spec.store.syncCommittees.get(periodOf(update.signatureSlot))
      if (!committee) throw new UnusableUpdateError({ reason: `no known sync committee for period ${periodOf(update.signatureSlot)}`, cause: error })
      verifyLightClientUpdate({ config: this.config, update, syncCommittee: committee })
      throw new UnusableUpdateError({ reason: (error as Error).message, cause: error })
    }
    this.#participation = { participants: sumBits(update.syncAggregate.syncCommitteeBits), size: SYNC_COMMITTEE_SIZE }
  }

  #toleratedSlot(): number {
    // Half a slot of tolerance for clock skew between us and the signers.
    return slotAtTime({ nowMs: this.#clock.now() + this.config.SECONDS_PER_SLOT * 500, genesisTime: this.network.genesisTime, secondsPerSlot: this.config.SECONDS_PER_SLOT })
  }

  #assertFresh(slot: number): void {
    const ageSeconds = this.#clock.now() / 1000 - timeAtSlot({ slot, genesisTime: this.network.genesisTime, secondsPerSlot: this.config.SECONDS_PER_SLOT })
    if (ageSeconds > this.network.weakSubjectivityPeriodSeconds)
      throw new CheckpointTooOldError({ slot, ageSeconds, maxAgeSeconds: this.network.weakSubjectivityPeriodSeconds })
  }

  #specEvents() {
    return {
      onSetFinalizedHeader: () => { this.#headMoved = true },
      onSetOptimisticHeader: () => { this.#headMoved = true },
    }
  }

  async #persist(): Promise<void> {
    if (!this.#store || !this.#spec) return
    await this.#store.save(this.storeKey, createSnapshot({ config: this.config, spec: this.#spec, network: this.network.name, nowMs: this.#clock.now(), anchorRoot: this.#anchorRoot }))
  }

  #setStatus(status: LightClientStatus, error?: BaseError): void {
    this.#status = status
    this.#error = error
    this.#reason = error?.shortMessage
    this.#emitState()
  }

  #emitState(): void {
    if (this.#listeners.size === 0) return
    const state = this.state
    for (const listener of this.#listeners) listener({ type: 'state', state })
  }

  /** VerifiedHeaderSource: 'latest' is the optimistic head, 'finalized' the finalized one. */
  async getExecutionHeader(block: BlockSelector): Promise<VerifiedExecutionHeader> {
    const { finalized, optimistic } = this.state
    if (!finalized || !optimistic) throw new HeaderNotAvailableError({ reason: 'the light client has not verified any header yet' })
    const pick = block === 'latest' ? optimistic : block === 'finalized' ? finalized
      : [optimistic, finalized].find((h) => h.execution?.number === block)
    if (!pick) throw new HeaderNotAvailableError({ reason: `block ${block} is neither the verified head (${optimistic.execution?.number}) nor the finalized block (${finalized.execution?.number})` })
    if (!pick.execution) throw new HeaderNotAvailableError({ reason: `the header at slot ${pick.slot} carries no execution payload (before Capella)` })
    return pick.execution
  }
}

/** The finality / optimistic update as a full update, as the spec does, for typed diagnosis. */
function toFullUpdate(config: BeaconConfig, update: LightClientFinalityUpdate | LightClientOptimisticUpdate): LightClientUpdate {
  const electra = isForkPostElectra(config.getForkName(update.signatureSlot))
  const zeros = (n: number) => Array.from({ length: n }, () => new Uint8Array(32))
  return {
    attestedHeader: update.attestedHeader,
    nextSyncCommittee: ssz.altair.SyncCommittee.defaultValue(),
    nextSyncCommitteeBranch: zeros(electra ? NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA : NEXT_SYNC_COMMITTEE_DEPTH),
    finalizedHeader: 'finalizedHeader' in update ? update.finalizedHeader : { beacon: ssz.phase0.BeaconBlockHeader.defaultValue() },
    finalityBranch: 'finalityBranch' in update ? update.finalityBranch : zeros(electra ? FINALIZED_ROOT_DEPTH_ELECTRA : FINALIZED_ROOT_DEPTH),
    syncAggregate: update.syncAggregate,
    signatureSlot: update.signatureSlot,
  } as LightClientUpdate
}

function toBaseError(error: unknown): BaseError {
  return error instanceof BaseError ? error : new BaseError((error as Error)?.message ?? String(error), { cause: error })
}
