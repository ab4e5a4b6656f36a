import type { Address, Hex } from 'viem'
import type { BundleCall, BundleClaim } from '../../lib/bundle/types.ts'
import type { FeedPrice } from '../../lib/prices/getFeedPrice.ts'
import { type PriceFeedConfig, getNetworkContracts } from '../../lib/trust/networkContracts.ts'
import { type VerifiedAt, readAtHead, verifiedAt } from './balanceState.svelte.ts'
import { errorText } from '../display/errorText.ts'
import { type ValueEvidence, toValueEvidence } from '../engine/readWithEvidence.ts'
import { mergeReadEvidence } from '../../lib/rpc/mergeReadEvidence.ts'
import type { ReadEvidence } from '../../lib/rpc/recordEvidence.ts'
import type { SyncState } from './syncState.svelte.ts'

/**
 * A USD price and how far it can be trusted. Only `verified` is ever shown; `hidden` says why not
 * (the feed is stale by its own round time, the read could not be proven, ...).
 */
export type CheckedPrice =
  | { state: 'none' }
  | { state: 'syncing' }
  /** `evidence`: what the price rests on ("What was checked"): the feed's calls, run locally over proven state. */
  | ({ state: 'verified'; price: FeedPrice; evidence?: ValueEvidence } & VerifiedAt)
  | { state: 'hidden'; reason: string; errorName: string }

/** 'ETH' or a token's address: the asset whose USD price is asked for. */
export type PricedAsset = 'ETH' | Address

/**
 * USD prices from the network's Chainlink feeds (the build's for built-in networks), read at every
 * new verified head by eth_call in the local EVM over proven state.
 */
export class PriceState {
  #sync: SyncState
  #prices = $state.raw<Record<string, CheckedPrice>>({})
  #network: string | undefined
  /** Feeds some screen asked for: only those are read (a token's feed costs proofs at every head). */
  #wanted = new Set<string>()
  #inFlight = false
  #again = false

  /** Created while the App initialises: the wanted feeds are read again at every new verified head, as long as the App lives. */
  constructor(sync: SyncState) {
    this.#sync = sync
    sync.eachHead(() => this.refresh())
  }

  /** The price of ETH or of a token (by address), or `none` when the network has no feed for it. */
  of(asset: PricedAsset): CheckedPrice {
    const feed = this.#feedOf(asset)
    if (!feed) return { state: 'none' }
    if (!this.#wanted.has(feed.address.toLowerCase())) {
      this.#wanted.add(feed.address.toLowerCase())
      queueMicrotask(() => void this.refresh())
    }
    return this.#prices[feed.address.toLowerCase()] ?? { state: 'syncing' }
  }

  async refresh(): Promise<void> {
    if (this.#inFlight) {
      this.#again = true
      return
    }
    const network = this.#sync.network
    const engine = this.#sync.engine
    const at = verifiedAt(this.#sync)
    if (!network || !engine || !at) return
    if (network.id !== this.#network) {
      this.#network = network.id
      this.#prices = {}
    }
    const feeds = this.#feeds()
    if (feeds.length === 0) return
    this.#inFlight = true
    try {
      // viem's client and the feed's ABI load with the first price, not with the first paint.
      const [{ getFeedPrice }, { createPriceClient }] = await Promise.all([import('../../lib/prices/getFeedPrice.ts'), import('../../lib/prices/createPriceClient.ts')])
      const next: Record<string, CheckedPrice> = { ...this.#prices }
      await Promise.all(feeds.map(async (feed) => {
        const key = feed.address.toLowerCase()
        try {
          const read = await readAtHead({
            sync: this.#sync, at,
            read: async (blockNumber) => {
              // The round's age counts from the block the price was proven at (its own timestamp).
              const timestamp = blockNumber === at.block ? at.timestamp : (await engine.client.getBlock({ blockNumber })).timestamp
              // Each of the feed's calls recorded as it is verified ("What was checked"); this attempt's only.
              const reads: ReadEvidence[] = []
              const calls: BundleCall[] = []
              const client = createPriceClient({
                request: async ({ method, params }) => {
                  const { result, evidence } = await engine.readWithEvidence({ method, params: params as unknown[] })
                  reads.push(evidence)
                  if (method === 'eth_call') calls.push({ call: (params as unknown[])[0] as Record<string, unknown>, result: result as Hex })
                  return result
                },
              })
              const price = await getFeedPrice({ client, feed, blockNumber, blockTimestamp: Number(timestamp) })
              // The block and its head from the first call; every call's proofs and providers. Export
              // proof states both calls at that block (a `calls` bundle), which re-run to this price.
              const sameBlock = reads.every((r) => r.headers.at(-1)?.blockHash === reads[0]!.headers.at(-1)?.blockHash)
              const claim: BundleClaim | undefined = calls.length === reads.length && sameBlock ? { kind: 'calls', calls } : undefined
              const evidence = reads.length > 0 ? { ...(await toValueEvidence({ engine, read: reads[0]!, claim })), read: mergeReadEvidence(reads) } : undefined
              return { price, evidence }
            },
          })
          next[key] = { state: 'verified', ...read, price: read.value.price, evidence: read.value.evidence }
        } catch (error) {
          next[key] = { state: 'hidden', reason: errorText(error), errorName: (error as Error).name }
        }
      }))
      if (this.#network === network.id) this.#prices = next
    } finally {
      this.#inFlight = false
      if (this.#again) {
        this.#again = false
        void this.refresh()
      }
    }
  }

  #feeds(): PriceFeedConfig[] {
    const feeds = getNetworkContracts(this.#sync.network!).priceFeeds
    const all = [feeds?.ethUsd, ...Object.values(feeds?.tokens ?? {})].filter((f): f is PriceFeedConfig => f !== undefined)
    return all.filter((f, i) => all.findIndex((g) => g.address === f.address) === i && this.#wanted.has(f.address.toLowerCase()))
  }

  #feedOf(asset: PricedAsset): PriceFeedConfig | undefined {
    const network = this.#sync.network
    if (!network) return undefined
    const feeds = getNetworkContracts(network).priceFeeds
    if (asset === 'ETH') return feeds?.ethUsd
    const entry = Object.entries(feeds?.tokens ?? {}).find(([token]) => token.toLowerCase() === asset.toLowerCase())
    return entry?.[1]
  }
}
