import { type Address, type Hex, hexToBigInt, numberToHex } from 'viem'
import type { ChainEngine } from '../engine/createChainEngine.ts'
import { type ValueEvidence, readWithEvidence } from '../engine/readWithEvidence.ts'
import { ancestorSlot, readAtServedBlock } from '../../lib/rpc/readAtServedBlock.ts'
import type { LastVerifiedStore } from '../../lib/wallet/lastVerifiedStore.ts'
import { errorText } from '../display/errorText.ts'
import { type Remembered, lastVerifiedKey, toLastVerifiedValue, toRemembered } from './lastVerified.ts'
import type { NetworkSettings } from '../../lib/settings/settingsData.ts'
import type { SyncState } from './syncState.svelte.ts'
import { ChainEngineStoppedError } from './errors.ts'
import { SerialReads } from '../../lib/wallet/SerialReads.ts'

/**
 * Where a verified value was verified: the block, and that block's own timestamp (the verified
 * execution header's), from which its age counts; `atCheckpoint` when that header was the
 * checkpoint the light client started from (possibly days old, before any sync).
 */
export type VerifiedAt = {
  block: bigint
  /** The verified execution block's hash (kept with a remembered value, to name the block exactly). */
  blockHash?: Hex
  slot: number
  timestamp: bigint
  atCheckpoint: boolean
  /** The head the RPCs did not serve yet (they lag it by a block or two): the value is from its verified parent. */
  fallbackFrom?: bigint
}

/** A number and how much it can be trusted. Only `verified` values are shown as verified (and current only while fresh). */
export type Checked<T> =
  /** Not verified in this visit yet; `last` is what an earlier visit verified (stale, never current). */
  | { state: 'syncing'; last?: Remembered<T> }
  /** `evidence`: what the value rests on ("What was checked", Export proof), where the read recorded it. */
  | ({ state: 'verified'; value: T; evidence?: ValueEvidence } & VerifiedAt)
  | { state: 'failed'; error: string; errorName: string; last?: ({ value: T } & VerifiedAt) | Remembered<T> }

/** The last verified value behind a state that has none of its own: this visit's, else an earlier visit's. */
export function lastOf<T>(checked: Checked<T> | undefined): ({ value: T } & VerifiedAt) | Remembered<T> | undefined {
  return checked?.state === 'verified' ? checked : checked?.last
}

/** The verification point of a value read at the light client's optimistic head. */
export function verifiedAt(sync: SyncState): VerifiedAt | undefined {
  const head = sync.optimistic
  if (!head?.execution) return undefined
  return { block: head.execution.number, blockHash: head.execution.blockHash, slot: head.slot, timestamp: head.execution.timestamp, atCheckpoint: sync.headIsCheckpoint }
}

/**
 * Reads at the verified head, or (when every RPC lags it: "header not found") at its verified
 * parent or the one before, and says so: a lagging provider is a habit, not a failure.
 */
export async function readAtHead<T>({ sync, at, read }: { sync: SyncState; at: VerifiedAt; read: (block: bigint) => Promise<T> }): Promise<{ value: T } & VerifiedAt> {
  const engine = sync.engine
  const below = [1n, 2n].filter((back) => at.block >= back).map((back) => at.block - back)
  const { value: served } = await readAtServedBlock<VerifiedAt | bigint, { value: T } & VerifiedAt>({
    blocks: [at, ...below],
    read: async (block) => {
      if (typeof block !== 'bigint') return { value: await read(block.block), ...block }
      // A verified ancestor (the transport walks parent hashes), with its own timestamp and slot.
      if (!engine) throw new ChainEngineStoppedError()
      const [value, header] = await Promise.all([read(block), engine.client.getBlock({ blockNumber: block })])
      const slot = ancestorSlot({ head: at, timestamp: header.timestamp, secondsPerSlot: sync.secondsPerSlot })
      return { value, block, blockHash: header.hash ?? undefined, slot, timestamp: header.timestamp, atCheckpoint: false, fallbackFrom: at.block }
    },
  })
  return served
}

type ReadAtHead = { value: { value: bigint; evidence: ValueEvidence } } & VerifiedAt

/**
 * The selected account's ETH balance, proven (EIP-1186) against the state root of the light
 * client's latest verified head, refreshed on every new head. Each verified value is kept
 * (network, account), so the next visit shows it, stale, before anything answers.
 */
export class BalanceState {
  #sync: SyncState
  #network: () => NetworkSettings
  #store: LastVerifiedStore | undefined
  #eth = $state.raw<Checked<bigint>>({ state: 'syncing' })
  #address: Address | undefined
  #scope: string | undefined
  #reads = new SerialReads(() => void this.refresh())
  /** An address about to be selected (readAhead), and its balance read at one head, for refresh to take. */
  #aheadAddress: Address | undefined
  #ahead: { address: Address; engine: ChainEngine; block: bigint; read: Promise<ReadAtHead> } | undefined

  /**
   * Created while the App initialises, so the data flow below lives as long as the App: follow the
   * selected account, and read again at every new verified head (and whenever what `refresh` reads
   * before its first await changes: the network, the engine, the head).
   */
  constructor({ sync, network, address, store }: { sync: SyncState; network: () => NetworkSettings; address: () => Address | undefined; store?: LastVerifiedStore }) {
    this.#sync = sync
    this.#network = network
    this.#store = store
    $effect(() => this.#setAddress(address()))
    sync.eachHead(() => {
      void this.refresh()
      this.#readAhead()
    })
  }

  /**
   * Reads the balance of an address that is about to be selected (a valid address typed in the
   * watch form) at the verified head, and again at each new head until it is selected or
   * `readAhead(undefined)`: the screen it then goes to shows it without waiting for a proof. It is
   * the very read refresh makes (the same proof against the same verified header, with its
   * evidence), taken by refresh only at the head and engine refresh reads at; a failed one is
   * read again there. The RPC sees the address this much sooner; nothing else changes.
   */
  readAhead(address: Address | undefined): void {
    this.#aheadAddress = address
    this.#readAhead()
  }

  #readAhead(): void {
    const address = this.#aheadAddress
    const engine = this.#sync.engine
    const at = verifiedAt(this.#sync)
    if (this.#ahead && this.#ahead.block !== at?.block) this.#ahead = undefined
    if (!address || !engine || !at || address === this.#address) return
    if (this.#ahead?.address === address && this.#ahead.engine === engine) return
    const read = this.#read({ engine, address, at })
    read.catch(() => {}) // refresh reads again and reports
    this.#ahead = { address, engine, block: at.block, read }
  }

  /** The balance's read at `at` (or a verified parent when the RPCs lag it), with its evidence. */
  #read({ engine, address, at }: { engine: ChainEngine; address: Address; at: VerifiedAt }): Promise<ReadAtHead> {
    return readAtHead({
      sync: this.#sync,
      at,
      // With its evidence: "What was checked" and Export proof show exactly what this value rests on.
      read: (blockNumber) => readWithEvidence({
        engine, method: 'eth_getBalance', params: [address, numberToHex(blockNumber)],
        decode: (result) => hexToBigInt(result as Hex),
        claimOf: (wei) => ({ kind: 'balance', address, wei: wei.toString() }),
      }),
    })
  }

  get eth() { return this.#eth }
  get address() { return this.#address }

  /** Follows a new account: forget the old number at once (it belongs to someone else). */
  #setAddress(address: Address | undefined): void {
    if (address === this.#address) return
    this.#address = address
    void this.refresh()
  }

  /** A new account or network: start over from what an earlier visit verified for it, if anything. */
  #follow(address: Address | undefined): void {
    const network = this.#network()
    const scope = address && `${network.id}|${network.chainId}|${address}`
    if (scope === this.#scope) return
    this.#scope = scope
    const generation = this.#reads.next()
    this.#eth = { state: 'syncing' }
    if (!address || !this.#store) return
    this.#store.get(lastVerifiedKey({ network, address, asset: 'eth' })).then((kept) => {
      if (!kept || !this.#reads.isCurrent(generation)) return
      const last = toRemembered(kept)
      const now = this.#eth
      if (now.state === 'syncing') this.#eth = { state: 'syncing', last }
      else if (now.state === 'failed' && !now.last) this.#eth = { ...now, last }
    }, () => {})
  }

  async refresh(): Promise<void> {
    this.#follow(this.#address)
    const engine = this.#sync.engine
    const address = this.#address
    const at = verifiedAt(this.#sync)
    if (!engine || !address || !at) return
    // A newer head's read starts at once; the one before it may still answer first (`show`).
    const ticket = this.#reads.begin(at.block)
    if (ticket === undefined) return
    const network = this.#network()
    // The read made ahead for this address at this head and engine, taken once; failed, it is read again.
    const ahead = this.#ahead
    const taken = ahead?.address === address && ahead.engine === engine && ahead.block === at.block ? ahead.read : undefined
    if (taken) this.#ahead = undefined
    try {
      const served = await (taken?.catch(() => this.#read({ engine, address, at })) ?? this.#read({ engine, address, at }))
      const { value: { value, evidence }, ...where } = served
      const read = { ...where, value }
      if (this.#reads.show(ticket)) {
        this.#eth = { state: 'verified', ...read, evidence }
        this.#store?.put(lastVerifiedKey({ network, address, asset: 'eth' }), toLastVerifiedValue(read)).catch(() => {})
      }
    } catch (error) {
      // A superseded read's failure is not shown: the newer read answers for the screen.
      if (this.#reads.isNewest(ticket) && this.#reads.show(ticket)) this.#eth = { state: 'failed', error: errorText(error), errorName: (error as Error).name, last: lastOf(this.#eth) }
    } finally {
      this.#reads.end(ticket)
    }
  }
}
