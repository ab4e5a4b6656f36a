import { untrack } from 'svelte'
import type { Address } from 'viem'
import { forgetHeadStart } from '../engine/lightClientHeadStart.ts'
import type { Hex } from '../../lib/consensus/networks.ts'
import { type NetworkChange, applyNetworkChange } from '../../lib/trust/applyNetworkChange.ts'
import { builtInNetworks, getBuiltInNetwork } from '../../lib/trust/builtInNetworks.ts'
import { BuiltInNetworkError, UnknownNetworkIdError } from '../../lib/trust/errors.ts'
import { restoreBuiltInNetworks } from '../../lib/trust/restoreBuiltInNetworks.ts'
import type { Contact, RecentRecipient } from '../../lib/wallet/addressBook.ts'
import type { Token } from '../../lib/wallet/token.ts'
import { defaultEndpointsOf, withDefaultEndpoints } from '../engine/withDefaultEndpoints.ts'
import { NoDefaultEndpointsError } from './errors.ts'
import { UnreadableFileError } from '../keys/errors.ts'
import type { EndpointKind, NetworkSettings, SettingsData, WatchedAddress } from '../../lib/settings/settingsData.ts'

const KEY = 'latchkey.settings.v1'

/** The built-in networks (identity from src/lib/trust/builtInNetworks.ts), with this build's default beacon APIs and RPCs. */
export const publicNetworks: NetworkSettings[] = builtInNetworks.map(({ id, name, chainId }) => withDefaultEndpoints({ id, name, kind: 'public', chainId, beaconApis: [], rpcs: [] }))

/** Stored or imported settings with the built-ins restored from the build (nothing stored can rename or replace them). */
function restore(data: SettingsData): SettingsData {
  const networks = restoreBuiltInNetworks({ networks: data.networks, builtIns: publicNetworks }).map(withDefaultEndpoints)
  return { ...data, networks, networkId: networks.some((n) => n.id === data.networkId) ? data.networkId : networks[0].id }
}

export function defaultSettings(): SettingsData {
  return { version: 1, networkId: 'mainnet', networks: structuredClone(publicNetworks), autoLockMinutes: 15, acceptedSharedOriginRisk: false }
}

/** Non-secret settings (networks, endpoints, auto-lock), persisted in localStorage; keys live in the vault. */
export class Settings {
  #data = $state<SettingsData>(defaultSettings())
  #storage: Storage | undefined

  constructor(storage: Storage | undefined = globalThis.localStorage) {
    this.#storage = storage
    const saved = storage?.getItem(KEY)
    if (saved) {
      try {
        const parsed = JSON.parse(saved) as SettingsData
        if (parsed.version === 1 && Array.isArray(parsed.networks)) this.#data = restore(parsed)
      } catch {
        // A damaged settings entry falls back to the defaults; the vault is untouched.
      }
    }
  }

  get data(): SettingsData {
    return this.#data
  }

  get network(): NetworkSettings {
    return this.#data.networks.find((n) => n.id === this.#data.networkId) ?? this.#data.networks[0]
  }

  get networks(): NetworkSettings[] {
    return this.#data.networks
  }

  get autoLockMinutes(): number {
    return this.#data.autoLockMinutes
  }

  get acceptedSharedOriginRisk(): boolean {
    return this.#data.acceptedSharedOriginRisk
  }

  get customTokens(): Token[] {
    return this.#data.customTokens ?? []
  }

  get watched(): WatchedAddress[] {
    return this.#data.watched ?? []
  }

  get contacts(): Contact[] {
    return this.#data.contacts ?? []
  }

  get recipients(): RecentRecipient[] {
    return this.#data.recipients ?? []
  }

  get allowOffchainEns(): boolean {
    return this.#data.allowOffchainEns ?? false
  }

  setAllowOffchainEns(allow: boolean): void {
    this.#data.allowOffchainEns = allow
    this.#save()
  }

  // The address book loads on demand (it pulls in address validation, not needed for first paint).
  /** Throws the address book's typed errors (bad address or checksum, bad or taken name); nothing changes then. */
  async addContact({ address, name }: { address: string; name: string }): Promise<void> {
    const { addContact } = await import('../../lib/wallet/addressBook.ts')
    this.#data.contacts = addContact({ contacts: this.contacts, address, name })
    this.#save()
  }

  async renameContact({ address, name }: { address: Address; name: string }): Promise<void> {
    const { renameContact } = await import('../../lib/wallet/addressBook.ts')
    this.#data.contacts = renameContact({ contacts: this.contacts, address, name })
    this.#save()
  }

  async removeContact(address: Address): Promise<void> {
    const { removeContact } = await import('../../lib/wallet/addressBook.ts')
    this.#data.contacts = removeContact({ contacts: this.contacts, address })
    this.#save()
  }

  /** After a send was accepted (by the network or the browser wallet). */
  async recordRecipient(address: Address): Promise<void> {
    const { recordRecipient } = await import('../../lib/wallet/addressBook.ts')
    this.#data.recipients = recordRecipient({ recipients: this.recipients, address })
    this.#save()
  }

  addCustomToken(token: Token): void {
    const same = (t: Token) => t.chainId === token.chainId && t.address.toLowerCase() === token.address.toLowerCase()
    this.#data.customTokens = [...this.customTokens.filter((t) => !same(t)), token]
    this.#save()
  }

  removeCustomToken({ chainId, address }: { chainId: number; address: Address }): void {
    this.#data.customTokens = this.customTokens.filter((t) => !(t.chainId === chainId && t.address.toLowerCase() === address.toLowerCase()))
    this.#save()
  }

  addWatched(entry: WatchedAddress): void {
    this.#data.watched = [...this.watched.filter((w) => w.address.toLowerCase() !== entry.address.toLowerCase()), entry]
    this.#save()
  }

  removeWatched(address: Address): void {
    this.#data.watched = this.watched.filter((w) => w.address.toLowerCase() !== address.toLowerCase())
    this.#save()
  }

  selectNetwork(id: string): void {
    if (!this.#data.networks.some((n) => n.id === id)) throw new UnknownNetworkIdError({ networkId: id })
    this.#data.networkId = id
    this.#save()
  }

  /**
   * Adds a custom network under an id of its own (never a built-in's: see verifyCustomNetwork).
   * Only after the user confirmed it on the review screen.
   */
  addCustomNetwork(network: NetworkSettings): void {
    this.#apply({ kind: 'addCustom', network })
  }

  /** Replaces a custom network the user chose to update (the review showed the differences). */
  updateCustomNetwork(network: NetworkSettings): void {
    this.#apply({ kind: 'updateCustom', network })
  }

  /** Adds untrusted endpoints to any network, a built-in included: they are pipes, every answer is verified. */
  addEndpoints({ id, beaconApis, rpcs }: { id: string; beaconApis: string[]; rpcs: string[] }): void {
    const lists: EndpointKind[] = [...(beaconApis.length ? ['beaconApis' as const] : []), ...(rpcs.length ? ['rpcs' as const] : [])]
    this.#apply({ kind: 'addEndpoints', id, beaconApis, rpcs }, lists)
  }

  removeNetwork(id: string): void {
    const builtIn = getBuiltInNetwork(id)
    if (builtIn) throw new BuiltInNetworkError({ networkId: id, name: builtIn.name })
    this.#data.networks = this.#data.networks.filter((n) => n.id !== id)
    if (this.#data.networkId === id) this.#data.networkId = this.#data.networks[0].id
    this.#save()
  }

  /** Edits one endpoint list of the current network; on a built-in network the list becomes the user's. */
  setEndpoints(kind: EndpointKind, urls: string[]): void {
    this.#apply({ kind: 'setEndpoints', id: this.network.id, list: kind, urls }, [kind])
  }

  /** Whether the current network's list is this build's defaults (built-in networks only). */
  usesDefaultEndpoints(kind: EndpointKind): boolean {
    return this.network.kind === 'public' && this.network.userEndpoints?.[kind] === false
  }

  /** Puts this build's default list back on the current (built-in) network. */
  resetEndpoints(kind: EndpointKind): void {
    const network = this.network
    const defaults = defaultEndpointsOf({ networkId: network.id, kind })
    if (network.kind !== 'public' || !defaults) throw new NoDefaultEndpointsError()
    this.#apply({ kind: 'setEndpoints', id: network.id, list: kind, urls: defaults })
    this.#markEndpoints(network.id, kind, false)
  }

  /** The checkpoint the user trusts for a network (default: the current one). */
  setCheckpoint(root: Hex | undefined, id: string = this.network.id): void {
    this.#apply({ kind: 'setCheckpoint', id, checkpoint: root })
  }

  /** Applies a change through the trust model (applyNetworkChange); `edited` lists of a built-in become the user's. */
  #apply(change: NetworkChange<NetworkSettings>, edited: EndpointKind[] = []): void {
    this.#data.networks = applyNetworkChange({ networks: $state.snapshot(this.#data.networks) as NetworkSettings[], change })
    const id = 'id' in change ? change.id : change.network.id
    for (const kind of edited) this.#markEndpoints(id, kind, true)
    this.#save()
  }

  #markEndpoints(id: string, kind: EndpointKind, isUsers: boolean): void {
    const network = this.#data.networks.find((n) => n.id === id)
    if (network?.userEndpoints) network.userEndpoints = { ...network.userEndpoints, [kind]: isUsers }
    this.#save()
  }

  setAutoLockMinutes(minutes: number): void {
    this.#data.autoLockMinutes = Math.max(0, Math.floor(minutes))
    this.#save()
  }

  acceptSharedOriginRisk(): void {
    this.#data.acceptedSharedOriginRisk = true
    this.#save()
  }

  /** Replaces everything (import of an exported setup). */
  replace(data: SettingsData): void {
    if (data.version !== 1 || !Array.isArray(data.networks) || data.networks.length === 0) throw new UnreadableFileError('These settings are not in a format this copy understands.')
    this.#data = restore(data)
    this.#save()
  }

  reset(): void {
    this.#data = defaultSettings()
    this.#storage?.removeItem(KEY)
    forgetHeadStart(this.#storage)
  }

  // JSON.stringify reads the state proxy directly: $state.snapshot first copied every value (a
  // structuredClone per leaf: a custom network's chain config has about 200), 5-9 ms a save on
  // the clicks that confirm a link and watch an address. Untracked: a save from inside an effect
  // must not make that effect depend on every setting.
  #save(): void {
    this.#storage?.setItem(KEY, untrack(() => JSON.stringify(this.#data)))
  }
}
