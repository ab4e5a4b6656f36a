import type { LightClientConfig } from './createLightClientConfig.ts'
import type { LightClientStateStore } from './LightClientStateStore.ts'
import { createSnapshot, restoreSnapshot } from './lightClientSnapshot.ts'
import type { Hex, Network } from './networks.ts'
import type { LightClientStore } from './spec/LightClientStore.ts'

export type LightClientPersistenceParameters = {
  /** Undefined: nothing is saved (every start bootstraps). */
  store: LightClientStateStore | undefined
  network: Network
  config: LightClientConfig
}

/** A saved store the light client may resume from, with what was known about it. */
export type ResumableState = { store: LightClientStore; validatedCommitteeRoots: string[]; anchorRoot: Hex | undefined }

/**
 * The light client's verified state at rest, under one key per network (its name and genesis
 * validators root: another chain's state is never resumed).
 */
export class LightClientPersistence {
  readonly key: string
  #store: LightClientStateStore | undefined
  #network: Network
  #config: LightClientConfig

  constructor({ store, network, config }: LightClientPersistenceParameters) {
    this.key = `${network.name}-${network.genesisValidatorsRoot.slice(2, 18)}`
    this.#store = store
    this.#network = network
    this.#config = config
  }

  /** Whether a saved state can exist at all (a store to read it from). */
  get canResume(): boolean {
    return this.#store !== undefined
  }

  /**
   * The saved state, unless there is none or `userCheckpoint` overrides it. A pasted root
   * overrides the saved state unless that state was verified from the very same root: then
   * resuming trusts nothing new and spares a bootstrap on every start.
   */
  async load({ userCheckpoint }: { userCheckpoint: Hex | undefined }): Promise<ResumableState | undefined> {
    const saved = await this.#store?.load(this.key)
    if (!saved) return undefined
    const sameAnchor = !userCheckpoint || saved.anchorRoot?.toLowerCase() === userCheckpoint.toLowerCase()
    if (!sameAnchor || saved.genesisValidatorsRoot !== this.#network.genesisValidatorsRoot) return undefined
    const { store, validatedCommitteeRoots } = restoreSnapshot({ config: this.#config, state: saved })
    return { store, validatedCommitteeRoots, anchorRoot: saved.anchorRoot as Hex | undefined }
  }

  /** `validatedCommitteeRoots`: the store's committees whose keys were all validated (not checked again on resume). */
  async save({ core, nowMs, anchorRoot, validatedCommitteeRoots }: { core: LightClientStore; nowMs: number; anchorRoot: Hex | undefined; validatedCommitteeRoots: string[] }): Promise<void> {
    if (!this.#store) return
    await this.#store.save(this.key, createSnapshot({ config: this.#config, store: core, network: this.#network.name, nowMs, anchorRoot, validatedCommitteeRoots }))
  }

  async clear(): Promise<void> {
    await this.#store?.clear(this.key)
  }
}
