import type { Address } from 'viem'
import { ancestorSlot, readAtServedBlock } from '../../lib/rpc/readAtServedBlock.ts'
import { errorText } from './errorText.ts'
import type { SyncState } from './sync.svelte.ts'
import { ChainEngineStoppedError } from './errors.ts'

/**
 * Where a verified value was verified: the block, and that block's own timestamp (the verified
 * execution header's), from which its age counts; `atCheckpoint` when that header was the
 * checkpoint the light client started from (possibly days old, before any sync).
 */
export type VerifiedAt = {
  block: bigint
  slot: number
  timestamp: bigint
  atCheckpoint: boolean
  /** The head the RPCs did not serve yet (they lag it by a block or two): the value is from its verified parent. */
  fallbackFrom?: bigint
}

/** A number and how much it can be trusted. Only `verified` values are shown as verified (and current only while fresh). */
export type Checked<T> =
  | { state: 'syncing' }
  | ({ state: 'verified'; value: T } & VerifiedAt)
  | { state: 'failed'; error: string; errorName: string; last?: { value: T } & VerifiedAt }

/** The verification point of a value read at the light client's optimistic head. */
export function verifiedAt(sync: SyncState): VerifiedAt | undefined {
  const head = sync.optimistic
  if (!head?.execution) return undefined
  return { block: head.execution.number, slot: head.slot, timestamp: head.execution.timestamp, atCheckpoint: sync.headIsCheckpoint }
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
      return { value, block, slot, timestamp: header.timestamp, atCheckpoint: false, fallbackFrom: at.block }
    },
  })
  return served
}

/**
 * The selected account's ETH balance, proven (EIP-1186) against the state root of the light
 * client's latest verified head, refreshed on every new head.
 */
export class BalanceState {
  #sync: SyncState
  #eth = $state.raw<Checked<bigint>>({ state: 'syncing' })
  #address: Address | undefined
  #inFlight = false
  #again = false
  #generation = 0

  constructor(sync: SyncState) {
    this.#sync = sync
  }

  get eth() { return this.#eth }
  get address() { return this.#address }

  /** Follows a new account: forget the old number at once (it belongs to someone else). */
  setAddress(address: Address | undefined): void {
    if (address === this.#address) return
    this.#address = address
    this.#generation++
    this.#eth = { state: 'syncing' }
    void this.refresh()
  }

  async refresh(): Promise<void> {
    if (this.#inFlight) {
      this.#again = true
      return
    }
    const engine = this.#sync.engine
    const address = this.#address
    const at = verifiedAt(this.#sync)
    if (!engine || !address || !at) return
    this.#inFlight = true
    const generation = this.#generation
    try {
      const read = await readAtHead({ sync: this.#sync, at, read: (blockNumber) => engine.client.getBalance({ address, blockNumber }) })
      if (generation === this.#generation) this.#eth = { state: 'verified', ...read }
    } catch (error) {
      if (generation === this.#generation) {
        const previous = this.#eth
        const last = previous.state === 'verified' ? previous : previous.state === 'failed' ? previous.last : undefined
        this.#eth = { state: 'failed', error: errorText(error), errorName: (error as Error).name, last }
      }
    } finally {
      this.#inFlight = false
      if (this.#again) {
        this.#again = false
        void this.refresh()
      }
    }
  }
}
