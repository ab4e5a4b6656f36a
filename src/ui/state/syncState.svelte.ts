import type { EndpointHealth } from '../../lib/consensus/BeaconEndpointPool.ts'
import type { BundleClaim } from '../../lib/bundle/types.ts'
import { type Freshness, getFreshness } from '../../lib/consensus/getFreshness.ts'
import type { LightClientState, LightClientStatus } from '../../lib/consensus/LightClient.ts'
import type { ConsensusHeader } from '../../lib/consensus/toConsensusHeader.ts'
import { verifyHeadCurrent } from '../../lib/consensus/verifyHeadCurrent.ts'
import { waitForCurrentHead } from '../../lib/consensus/waitForCurrentHead.ts'
import type { ProviderHealth } from '../../lib/rpc/types.ts'
import type { ChainEngine } from '../engine/createChainEngine.ts'
import { bundleFileName, exportProof } from '../engine/exportProof.ts'
import type { ValueEvidence } from '../engine/readWithEvidence.ts'
import { type Liar, errorText, findLiars } from '../display/errorText.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'
import { createWorkerLightClient } from '../engine/createWorkerLightClient.ts'
import type { ConnectPlan } from '../engine/prepareConnect.ts'
import { loadChainEngine } from '../engine/loadChainEngine.ts'
import { requestConnectPlan } from '../engine/requestConnectPlan.ts'
import { runLightClientOnPage } from '../engine/runLightClientOnPage.ts'
import { spawnLightClientWorker } from '../engine/spawnLightClientWorker.ts'
import type { LightClientChannel } from '../engine/toLightClientChannel.ts'
import { ChainEngineStoppedError } from './errors.ts'

export type SyncStatus = LightClientStatus | 'idle' | 'loading'

/** Still on its way to a synced head: loading, bootstrapping or catching up (not synced, stalled or stopped). */
export const isCatchingUp = (status: SyncStatus): boolean => status === 'idle' || status === 'loading' || status === 'bootstrapping' || status === 'syncing'

/**
 * What the light client has verified, as reactive state for the screens. The engine (Lodestar,
 * BLS WASM, the verified viem client) is loaded on first use.
 */
export class SyncState {
  #engine = $state.raw<ChainEngine | undefined>(undefined)
  #status = $state<SyncStatus>('idle')
  #reason = $state<string | undefined>(undefined)
  #errorName = $state<string | undefined>(undefined)
  #checkpoint = $state.raw<LightClientState['checkpoint']>(undefined)
  #finalized = $state.raw<ConsensusHeader | undefined>(undefined)
  #optimistic = $state.raw<ConsensusHeader | undefined>(undefined)
  #syncPeriod = $state<number | undefined>(undefined)
  #participation = $state.raw<LightClientState['participation']>(undefined)
  #committeeProgress = $state.raw<LightClientState['committeeProgress']>(undefined)
  #lastUpdateAtMs = $state<number | undefined>(undefined)
  #currentSlot = $state(0)
  #secondsPerSlot = $state(12)
  #beacons = $state.raw<EndpointHealth[]>([])
  #rpcs = $state.raw<ProviderHealth[]>([])
  #rpcFaults: ReturnType<ChainEngine['rpc']['provenFaults']> = []
  /** Bumped on every new verified head: balances refresh on it. */
  #headVersion = $state(0)
  #now = $state(Date.now())
  #network: NetworkSettings | undefined
  #unsubscribe: (() => void) | undefined
  #ticker: ReturnType<typeof setInterval> | undefined
  #generation = 0
  /** A worker spawned at app start (prepare), not yet started on a network. */
  #spare: LightClientChannel | Error | undefined

  get engine() { return this.#engine }
  get status() { return this.#status }
  get reason() { return this.#reason }
  get errorName() { return this.#errorName }
  get checkpoint() { return this.#checkpoint }
  get finalized() { return this.#finalized }
  get optimistic() { return this.#optimistic }
  get syncPeriod() { return this.#syncPeriod }
  get participation() { return this.#participation }
  /** Sync-committee hand-overs verified so far in this catch-up (undefined when there are none to do). */
  get committeeProgress() { return this.#committeeProgress }
  /** The verified head's age on the ticking clock (its own execution timestamp), for "head 12 s old". */
  get headAgeMs(): number | undefined {
    const timestamp = this.#optimistic?.execution?.timestamp
    return timestamp === undefined ? undefined : Math.max(0, this.#now - Number(timestamp) * 1000)
  }
  get lastUpdateAtMs() { return this.#lastUpdateAtMs }
  get currentSlot() { return this.#currentSlot }
  get beacons() { return this.#beacons }
  get rpcs() { return this.#rpcs }
  get headVersion() { return this.#headVersion }
  /** A clock that ticks every second, for "n seconds ago". */
  get now() { return this.#now }
  get network() { return this.#network }
  get secondsPerSlot() { return this.#secondsPerSlot }

  /**
   * Runs `read` now and again at every new verified head, for as long as the component being
   * initialised lives (it is an effect: what `read` reads before its first await is followed too).
   */
  eachHead(read: () => unknown): void {
    $effect(() => {
      void this.#headVersion
      void read()
    })
  }

  /**
   * The freshness rule (src/lib) for a value verified against a header with this timestamp, as of
   * the ticking clock: ages advance every second without refetching anything.
   */
  readonly freshnessOf = (timestamp: bigint): Freshness =>
    getFreshness({ headTimestamp: timestamp, nowMs: this.#now, secondsPerSlot: this.#secondsPerSlot, status: toLightClientStatus(this.#status) })

  /** The head's own freshness: what Send checks, and what the banner warns about. */
  get headFreshness(): Freshness | undefined {
    const timestamp = this.#optimistic?.execution?.timestamp
    return timestamp === undefined ? undefined : this.freshnessOf(timestamp)
  }

  /**
   * Throws HeadNotCurrentError (block, age, limit) unless the head is current right now: a
   * transaction's nonce, balance and fees must not come from a stale head.
   */
  verifyHeadCurrent({ stale }: { stale?: string } = {}): Freshness {
    return verifyHeadCurrent({ head: this.#optimistic, nowMs: Date.now(), secondsPerSlot: this.#secondsPerSlot, status: toLightClientStatus(this.#status), stale })
  }

  /**
   * Waits (up to `timeoutMs`) until the head is current, for an action that must not be answered
   * from an older block; then throws HeadNotCurrentError, saying what would have been stale.
   */
  untilCurrent({ stale, timeoutMs = 30_000 }: { stale: string; timeoutMs?: number }): Promise<Freshness> {
    return waitForCurrentHead({ check: () => this.verifyHeadCurrent({ stale }), timeoutMs })
  }

  /** True when the verified head is the checkpoint the light client started from (nothing newer verified yet). */
  get headIsCheckpoint(): boolean {
    const root = this.#checkpoint?.root
    return root !== undefined && this.#optimistic?.beaconRoot.toLowerCase() === root.toLowerCase()
  }
  /** Where the light client runs: 'worker' (a module worker) or 'main' (the page, when no worker could start). */
  get runsIn() { return this.#engine?.lightClientRunsIn }
  get workerError() { return this.#engine?.workerError }
  get isSynced() { return this.#status === 'synced' }
  /** Endpoints caught serving data that failed verification, with what each got wrong. */
  get liars(): Liar[] {
    return [
      ...this.#beacons.filter((b) => b.faulty).map((b): Liar => ({ kind: 'beacon API', url: b.url, name: b.fault?.name ?? b.lastError?.name ?? 'Error', what: b.fault?.message ?? b.lastError?.message ?? 'its data did not verify.' })),
      // The RPC client runs on this page: its proofs are the error objects themselves (claimed and proven values included).
      ...this.#rpcs.filter((r) => r.faulty).map((r): Liar => findLiars(this.#rpcFaults.find((f) => f.url === r.url)?.error)[0]
        ?? { kind: 'RPC', url: r.url, name: r.faultName ?? 'Error', what: r.faultReason ?? 'its data did not verify.' }),
    ]
  }

  /**
   * At app start, before anything waits on the engine: spawns the light-client worker (it loads
   * the light client and its BLS WASM in parallel with the page) and starts loading the page's
   * engine chunk, so `start` finds both under way.
   */
  prepare(): void {
    this.#spare ??= spawnLightClientWorker()
    loadChainEngine().catch(() => {}) // a failed load is reported by start
  }

  /**
   * Reads a `#/connect` link into a plan for its review, in the spare light-client worker (spawned
   * here if there is none: confirming the link restarts the light client, which then takes this
   * same worker, its code already loaded). Where no worker runs, the worker's bundle on the page.
   */
  prepareConnect({ query, networks }: { query: URLSearchParams; networks: NetworkSettings[] }): Promise<ConnectPlan> {
    return this.withLightClientService((channel) => requestConnectPlan({ channel, query, networks }))
  }

  /**
   * Runs a stateless request (a connect link's review, a proof bundle's replay) in the spare
   * light-client worker, spawned here if there is none (the next network started takes it, its
   * code already loaded); where no worker runs, in the worker's bundle on the page.
   */
  async withLightClientService<T>(use: (channel: LightClientChannel) => Promise<T>): Promise<T> {
    this.#spare ??= spawnLightClientWorker()
    const spare = this.#spare
    const loaded = spare instanceof Error ? Promise.reject(spare) : spare.loaded
    const channel = await loaded.then(() => spare as LightClientChannel, () => runLightClientOnPage())
    try {
      return await use(channel)
    } finally {
      if (channel !== spare) channel.close()
    }
  }

  /** The spare worker if there is one, else a new one: each network gets a fresh worker. */
  #takeWorker(): LightClientChannel | Error {
    const worker = this.#spare ?? spawnLightClientWorker()
    this.#spare = undefined
    return worker
  }

  /** (Re)starts the light client for a network; any previous one is stopped. */
  async start(network: NetworkSettings): Promise<void> {
    const generation = ++this.#generation
    // The app's first start has nothing to stop: the worker is then sent its network in this task
    // (during the App's initialisation), not after the App's first render.
    const running = this.#engine
    const stopped = this.stop()
    if (running) await stopped
    this.#network = network
    this.#status = 'loading'
    this.#reason = undefined
    this.#ticker = setInterval(() => this.#tick(), 1000)
    if (network.beaconApis.length === 0) {
      this.#status = 'error'
      this.#reason = `This network has no beacon API configured. Add one in Network & trust${network.kind === 'public' ? ', or reset the list to the defaults' : ''}.`
      return
    }
    // The worker starts syncing now, not once the page's engine chunk (viem) has loaded.
    const worker = this.#takeWorker()
    const inWorker = worker instanceof Error ? Promise.reject(worker) : createWorkerLightClient({ network, channel: worker })
    inWorker.catch(() => {}) // handled by createChainEngine (it falls back to the page)
    try {
      const { createChainEngine } = await loadChainEngine()
      const engine = await createChainEngine({ network, inWorker })
      if (generation !== this.#generation) return void engine.stop()
      this.#engine = engine
      this.#unsubscribe = engine.lightClient.subscribe((event) => {
        if (event.type === 'state') return this.#apply(event.state)
        // A new head may come without a state event: what Send's freshness check reads must follow it.
        this.#finalized = event.finalized
        this.#optimistic = event.optimistic
        this.#headVersion++
      })
      this.#apply(engine.lightClient.state)
      void engine.lightClient.start()
    } catch (error) {
      void inWorker.then((handle) => handle.stop(), () => {})
      this.#status = 'error'
      this.#reason = errorText(error)
      this.#errorName = (error as Error).name
    }
  }

  /** The proof bundle of a value on screen, as a file name and its JSON text (see exportProof). */
  async exportProof(evidence: ValueEvidence & { claim: BundleClaim }): Promise<{ fileName: string; text: string }> {
    const engine = this.#engine
    if (!engine) throw new ChainEngineStoppedError()
    const bundle = await exportProof({ engine, evidence })
    return { fileName: bundleFileName(bundle), text: `${JSON.stringify(bundle, null, 2)}\n` }
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    if (this.#ticker) clearInterval(this.#ticker)
    const engine = this.#engine
    this.#engine = undefined
    this.#finalized = this.#optimistic = undefined
    this.#status = 'idle'
    await engine?.stop()
  }

  #apply(state: LightClientState): void {
    this.#status = state.status
    // The typed error (rebuilt from the worker with its fields) names a lying endpoint; the plain reason cannot.
    this.#reason = state.error ? errorText(state.error) : state.reason
    this.#errorName = state.error?.name
    this.#checkpoint = state.checkpoint
    this.#finalized = state.finalized
    this.#optimistic = state.optimistic
    this.#syncPeriod = state.syncPeriod
    this.#participation = state.participation
    this.#committeeProgress = state.committeeProgress
    this.#lastUpdateAtMs = state.lastUpdateAtMs
    this.#currentSlot = state.currentSlot
    this.#secondsPerSlot = state.secondsPerSlot ?? this.#secondsPerSlot
    this.#beacons = state.endpoints
    if (this.#engine) this.#readRpcs(this.#engine)
  }

  #readRpcs(engine: ChainEngine): void {
    this.#rpcFaults = engine.rpc.provenFaults()
    this.#rpcs = engine.rpc.providers()
  }

  #tick(): void {
    this.#now = Date.now()
    const engine = this.#engine
    if (!engine) return
    this.#currentSlot = engine.lightClient.currentSlot
    this.#beacons = engine.lightClient.pool.health
    this.#readRpcs(engine)
  }
}

/** Before the engine runs (loading) it is bootstrapping; stopped (idle) counts as stopped. */
function toLightClientStatus(status: SyncStatus): LightClientStatus {
  return status === 'loading' ? 'bootstrapping' : status === 'idle' ? 'error' : status
}
