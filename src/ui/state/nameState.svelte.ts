import type { Address } from 'viem'
import { EnsNameNotFoundError, EnsUnavailableError } from '../../lib/ens/errors.ts'
import type { ReleaseRecord } from '../../lib/ens/getReleaseRecord.ts'
import { getNetworkContracts } from '../../lib/trust/networkContracts.ts'
import { networkLabel } from '../../lib/trust/networkEntry.ts'
import { type VerifiedAt, verifiedAt } from './balanceState.svelte.ts'
import { NoVerifiedHeadError } from './errors.ts'
import type { ValueEvidence } from '../engine/readWithEvidence.ts'
import type { Settings } from './settings.svelte.ts'
import type { SyncState } from './syncState.svelte.ts'

/** An ENS answer and where it was verified; `offchain` when a CCIP-read gateway gave it (not verified). */
/** `evidence`: what an onchain answer rests on ("What was checked": the resolver's calls over proven state). */
export type NameAnswer = VerifiedAt & { name: string; address: Address; offchain?: { gateways: string[] }; evidence?: ValueEvidence }

/**
 * ENS for the screens: names typed as recipients resolved at the verified head, and primary names
 * of addresses (checked forward by the Universal Resolver), all through the engine's verified
 * transport. Offchain (CCIP-read) answers follow the user's setting: refused, or marked unverified.
 */
export class NameState {
  #sync: SyncState
  #settings: Settings
  /** Primary names by `<network>:<address>`; null: looked up, none. */
  #primary = $state<Record<string, NameAnswer | null>>({})
  #asked = new Set<string>()

  constructor({ sync, settings }: { sync: SyncState; settings: Settings }) {
    this.#sync = sync
    this.#settings = settings
  }

  /** Whether the running network has ENS (a Universal Resolver in its configuration). */
  get available(): boolean {
    const network = this.#sync.network
    return Boolean(network && getNetworkContracts(network).ensUniversalResolver)
  }

  /** name -> address at the verified head; throws typed errors (unavailable, invalid, offchain refused, no address). */
  async resolve(input: string): Promise<NameAnswer> {
    const { engine, universalResolverAddress, at } = this.#context('Resolving an ENS name')
    const [{ resolveEnsName }, { createRecordingTransport }] = await Promise.all([import('../../lib/ens/resolveEnsName.ts'), import('../engine/createRecordingTransport.ts')])
    // Every call of the resolution recorded as it is verified, for the review's "What was checked".
    const recording = createRecordingTransport({ engine })
    const found = await resolveEnsName({ transport: recording.transport, universalResolverAddress, name: input, blockNumber: at.block, offchain: this.#policy })
    if (!found.address) throw new EnsNameNotFoundError({ input: found.name })
    // An offchain answer rests on a gateway, not on these proofs: it gets no evidence to show.
    const evidence = found.offchain ? undefined : await recording.evidence().catch(() => undefined)
    return { ...at, name: found.name, address: found.address, ...(found.offchain && { offchain: found.offchain }), ...(evidence && { evidence }) }
  }

  /**
   * A release record (contenthash: the release's CID; `latchkey.commit`: its commit) at the verified
   * head; offchain answers always refused. Only at a current head (HeadNotCurrentError otherwise):
   * read at the checkpoint block while syncing, or at a stale head, it would name an old release,
   * or none, as if that were the newest word of the name's owner.
   */
  async releaseRecord(input: string): Promise<VerifiedAt & ReleaseRecord> {
    this.#sync.verifyHeadCurrent({ stale: 'A release record read from it could name an old release, or none.' })
    const { transport, universalResolverAddress, at } = this.#context('Reading a release record')
    const { getReleaseRecord } = await import('../../lib/ens/getReleaseRecord.ts')
    return { ...at, ...(await getReleaseRecord({ transport, universalResolverAddress, name: input, blockNumber: at.block })) }
  }

  /** The address's primary name when one is known (undefined while unknown: ask with `lookup`). */
  primaryName(address: Address | undefined): NameAnswer | null | undefined {
    if (!address || !this.#sync.network) return undefined
    return this.#primary[this.#key(address)]
  }

  /** Looks the primary name up once per address and network (best effort: a failure shows no name). */
  lookup(address: Address | undefined): void {
    if (!address || !this.available || !verifiedAt(this.#sync)) return
    const key = this.#key(address)
    if (this.#asked.has(key)) return
    this.#asked.add(key)
    void (async () => {
      try {
        const { engine, universalResolverAddress, at } = this.#context('Looking up a name')
        const [{ lookupEnsName }, { createRecordingTransport }] = await Promise.all([import('../../lib/ens/lookupEnsName.ts'), import('../engine/createRecordingTransport.ts')])
        // Recorded as resolve() is: the reverse lookup and its forward check, for the name's "What was checked".
        const recording = createRecordingTransport({ engine })
        const found = await lookupEnsName({ transport: recording.transport, universalResolverAddress, address, blockNumber: at.block, offchain: this.#policy })
        const evidence = found.name && !found.offchain ? await recording.evidence().catch(() => undefined) : undefined
        this.#primary[key] = found.name ? { ...at, name: found.name, address, ...(found.offchain && { offchain: found.offchain }), ...(evidence && { evidence }) } : null
      } catch (error) {
        // Not shown is the honest answer when it could not be verified; asked again after a reload.
        console.warn(`Latchkey: no primary name for ${address}:`, error)
        this.#asked.delete(key)
      }
    })()
  }

  get #policy(): 'refuse' | 'allow' {
    return this.#settings.allowOffchainEns ? 'allow' : 'refuse'
  }

  #key(address: Address): string {
    return `${this.#sync.network?.id}:${address.toLowerCase()}`
  }

  #context(action: string) {
    const network = this.#sync.network
    const engine = this.#sync.engine
    const at = verifiedAt(this.#sync)
    if (!network || !engine || !at) throw new NoVerifiedHeadError({ action })
    const universalResolverAddress = getNetworkContracts(network).ensUniversalResolver
    if (!universalResolverAddress) throw new EnsUnavailableError({ network: networkLabel(network) })
    return { engine, transport: engine.transport, universalResolverAddress, at }
  }
}
