import type { Address } from 'viem'
import type { Hex } from '../../lib/consensus/networks.ts'
import type { Token } from '../../lib/wallet/token.ts'
import { defaultEndpointsOf, withDefaultEndpoints } from './withDefaultEndpoints.ts'

export type EndpointKind = 'beaconApis' | 'rpcs'

/** A network as the user configured it. Public networks take Lodestar's built-in chain config. */
export type NetworkSettings = {
  id: string
  name: string
  kind: 'public' | 'custom'
  chainId: number
  beaconApis: string[]
  rpcs: string[]
  /**
   * Built-in networks: which lists are the user's (edited) rather than the build's defaults. A
   * list that is not the user's is replaced by the running build's defaults on load.
   */
  userEndpoints?: Record<EndpointKind, boolean>
  /** A block root the user trusts (overrides saved state and endpoint agreement). */
  checkpoint?: Hex
  /** Custom networks: the /eth/v1/config/spec JSON and genesis data. */
  spec?: Record<string, unknown>
  genesisValidatorsRoot?: Hex
  genesisTime?: number
}

export type SettingsData = {
  version: 1
  networkId: string
  networks: NetworkSettings[]
  /** Minutes; 0 = never. */
  autoLockMinutes: number
  /** The user accepted the risk of a key vault on a shared (path-gateway) origin. */
  acceptedSharedOriginRisk: boolean
  /** ERC-20 tokens the user added by address (all chains; each carries its chainId). Not secret. */
  customTokens?: Token[]
  /** Addresses watched without a vault (no keys): usable on a shared-origin gateway too. */
  watched?: WatchedAddress[]
}

/** An address kept outside the vault; with `signer`, a browser wallet (EIP-6963) signs for it. */
export type WatchedAddress = { address: Address; name: string; signer?: { rdns: string; walletName: string } }

const KEY = 'latchkey.settings.v1'

/** The built-in networks, with this build's default beacon APIs and RPCs. */
export const publicNetworks: NetworkSettings[] = [
  { id: 'mainnet', name: 'Ethereum mainnet', kind: 'public', chainId: 1, beaconApis: [], rpcs: [] },
  { id: 'sepolia', name: 'Sepolia', kind: 'public', chainId: 11155111, beaconApis: [], rpcs: [] },
  { id: 'hoodi', name: 'Hoodi', kind: 'public', chainId: 560048, beaconApis: [], rpcs: [] },
].map((n) => withDefaultEndpoints({ ...n, kind: 'public' }))

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
        if (parsed.version === 1 && Array.isArray(parsed.networks)) this.#data = { ...parsed, networks: parsed.networks.map(withDefaultEndpoints) }
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
    if (!this.#data.networks.some((n) => n.id === id)) throw new Error(`No network "${id}" is configured.`)
    this.#data.networkId = id
    this.#save()
  }

  /** Adds or replaces a network (by id). */
  putNetwork(input: NetworkSettings): void {
    const network = withDefaultEndpoints(input)
    const i = this.#data.networks.findIndex((n) => n.id === network.id)
    if (i === -1) this.#data.networks.push(network)
    else this.#data.networks[i] = network
    this.#save()
  }

  removeNetwork(id: string): void {
    if (publicNetworks.some((n) => n.id === id)) throw new Error('Built-in networks cannot be removed.')
    this.#data.networks = this.#data.networks.filter((n) => n.id !== id)
    if (this.#data.networkId === id) this.#data.networkId = this.#data.networks[0].id
    this.#save()
  }

  /** Edits one endpoint list of the current network; on a built-in network the list becomes the user's. */
  setEndpoints(kind: EndpointKind, urls: string[]): void {
    const network = this.network
    const userEndpoints = network.userEndpoints && { ...network.userEndpoints, [kind]: true }
    this.putNetwork({ ...network, [kind]: [...new Set(urls.map((u) => u.trim()).filter(Boolean))], userEndpoints })
  }

  /** Whether the current network's list is this build's defaults (built-in networks only). */
  usesDefaultEndpoints(kind: EndpointKind): boolean {
    return this.network.kind === 'public' && this.network.userEndpoints?.[kind] === false
  }

  /** Puts this build's default list back on the current (built-in) network. */
  resetEndpoints(kind: EndpointKind): void {
    const network = this.network
    const defaults = defaultEndpointsOf({ networkId: network.id, kind })
    if (network.kind !== 'public' || !defaults) throw new Error('Only the built-in networks have default endpoints.')
    this.putNetwork({ ...network, [kind]: defaults, userEndpoints: { ...network.userEndpoints!, [kind]: false } })
  }

  setCheckpoint(root: Hex | undefined): void {
    this.putNetwork({ ...this.network, checkpoint: root })
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
    if (data.version !== 1 || !Array.isArray(data.networks) || data.networks.length === 0) throw new Error('These settings are not in a format this copy understands.')
    this.#data = { ...data, networks: data.networks.map(withDefaultEndpoints) }
    this.#save()
  }

  reset(): void {
    this.#data = defaultSettings()
    this.#storage?.removeItem(KEY)
  }

  #save(): void {
    this.#storage?.setItem(KEY, JSON.stringify($state.snapshot(this.#data)))
  }
}
