import type { ConnectPlan, PrepareConnectParameters } from '../engine/prepareConnect.ts'
import type { Settings } from './settings.svelte.ts'
import { NothingToConfirmError } from './errors.ts'

export type ConnectReviewParameters = {
  settings: Settings
  /** Restarts the light client (after the active network or its endpoints changed). */
  restartSync: () => void
  /** Reads the link into a plan (SyncState.prepareConnect: in the light-client worker, which holds Lodestar's config code). */
  prepare: (params: Pick<PrepareConnectParameters, 'query' | 'networks'>) => Promise<ConnectPlan>
}

/**
 * The `#/connect` review: reads what a link proposes, shows it, and changes settings only through
 * the confirm methods, each a separate choice of the user's. Loading changes nothing.
 */
export class ConnectReview {
  #settings: Settings
  #restartSync: () => void
  #prepare: ConnectReviewParameters['prepare']
  #plan = $state.raw<ConnectPlan | undefined>(undefined)
  #error = $state.raw<unknown>(undefined)
  #loading = $state(false)

  constructor({ settings, restartSync, prepare }: ConnectReviewParameters) {
    this.#settings = settings
    this.#restartSync = restartSync
    this.#prepare = prepare
  }

  get plan() { return this.#plan }
  get error() { return this.#error }
  get loading() { return this.#loading }

  async load(query: URLSearchParams): Promise<void> {
    this.#loading = true
    this.#error = this.#plan = undefined
    try {
      this.#plan = await this.#prepare({ query, networks: $state.snapshot(this.#settings.networks) })
    } catch (error) {
      this.#error = error
    } finally {
      this.#loading = false
    }
  }

  /** Built-in network: adds the link's new endpoints and, only when asked separately, its checkpoint. Returns what was done. */
  confirmBuiltIn({ endpoints, checkpoint }: { endpoints: boolean; checkpoint: boolean }): string {
    const plan = this.#need('builtin')
    const id = plan.network.id
    const done: string[] = []
    if (endpoints) {
      const beaconApis = plan.beaconApis.filter((e) => !e.known).map((e) => e.url)
      const rpcs = plan.rpcs.filter((e) => !e.known).map((e) => e.url)
      this.#settings.addEndpoints({ id, beaconApis, rpcs })
      done.push(`${beaconApis.length + rpcs.length} endpoint(s) added`)
    }
    if (checkpoint && plan.checkpoint) {
      this.#settings.setCheckpoint(plan.checkpoint, id)
      done.push('checkpoint set')
    }
    if (done.length && this.#settings.network.id === id) this.#restartSync()
    return done.length ? `${plan.network.name}: ${done.join(', ')}.` : 'Nothing was changed.'
  }

  /** Custom network: adds it as a new network under an id of its own, and switches to it. */
  confirmAdd(): string {
    const plan = this.#need('custom')
    this.#settings.addCustomNetwork({ ...plan.proposed, id: plan.newId, name: plan.newId })
    return this.#use(plan.newId)
  }

  /** Custom network that exists: replaces it with the link's version (a separate choice from adding). */
  confirmUpdate(): string {
    const plan = this.#need('custom')
    if (!plan.existing) throw new NothingToConfirmError('There is no network to update.')
    this.#settings.updateCustomNetwork({ ...plan.proposed, name: plan.existing.name })
    return this.#use(plan.existing.id)
  }

  /** Custom network that exists unchanged: only switch to it. */
  confirmUse(): string {
    const plan = this.#need('custom')
    return this.#use(plan.existing?.id ?? plan.proposed.id)
  }

  #use(id: string): string {
    this.#settings.selectNetwork(id)
    this.#restartSync()
    return `Using ${this.#settings.network.name} (custom network).`
  }

  #need<K extends ConnectPlan['kind']>(kind: K): Extract<ConnectPlan, { kind: K }> {
    const plan = this.#plan
    if (plan?.kind !== kind) throw new NothingToConfirmError()
    return plan as Extract<ConnectPlan, { kind: K }>
  }
}
