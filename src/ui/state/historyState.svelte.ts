import { type Address, erc20Abi } from 'viem'
import type { HistoryStore } from '../../lib/history/historyStore.ts'
import type { HistoryTokenDescription } from '../../lib/history/describeHistoryToken.ts'
import type { HistoryProgress, ProvenHistory } from '../../lib/history/types.ts'
import type { VerifiedExecutionHeader } from '../../lib/execution/types.ts'
import { getDefaultTokens } from '../../lib/wallet/defaultTokens.ts'
import type { Token } from '../../lib/wallet/token.ts'
import { errorText } from '../display/errorText.ts'
import { type HistoryRangeEvidence, type ValueEvidence, toValueEvidence } from '../engine/readWithEvidence.ts'
import type { ReadEvidence } from '../../lib/rpc/recordEvidence.ts'
import type { SyncState } from './syncState.svelte.ts'
import type { TokenState } from './tokenState.svelte.ts'

/** How many older blocks one "prove older blocks" adds. */
export const EXTEND_BLOCKS = 1000n

type Read = { symbol: string; decimals?: number }

/**
 * The selected account's complete verified history (src/lib/history): the stored proven range,
 * brought up to each new verified head, extended backwards on request with progress; tokens seen in
 * it are described (new until added, look-alikes flagged) for the screen.
 */
export class HistoryState {
  #sync: SyncState
  #tokens: TokenState
  #store: Promise<HistoryStore> | undefined
  #address = $state<Address | undefined>(undefined)
  #history = $state.raw<ProvenHistory | undefined>(undefined)
  #progress = $state<string | undefined>(undefined)
  #error = $state<string | undefined>(undefined)
  #running = $state(false)
  #read = $state.raw<Record<string, Read | null>>({})
  #evidence = $state.raw<ValueEvidence | undefined>(undefined)
  // What this visit proved of the range and who answered (kept across heads: each run proves only what is new).
  #proven: HistoryRangeEvidence['proven'] = []
  #providers: ReadEvidence = { headers: [], heads: [], answers: [], rejected: [] }
  #generation = 0
  #describe: typeof import('../../lib/history/describeHistoryToken.ts').describeHistoryToken | undefined

  constructor({ sync, tokens, store }: { sync: SyncState; tokens: TokenState; store?: HistoryStore }) {
    this.#sync = sync
    this.#tokens = tokens
    if (store) this.#store = Promise.resolve(store)
  }

  get history() { return this.#history }
  get progress() { return this.#progress }
  get error() { return this.#error }
  get running() { return this.#running }
  /** What the range shown rests on ("What was checked"): the verified head its headers link to, the work this visit, who answered. */
  get evidence() { return this.#evidence }

  /** Tokens seen in the proven range, as the screen shows them. */
  get tokens(): HistoryTokenDescription[] {
    const history = this.#history
    const describe = this.#describe
    if (!history || !describe) return []
    const chainId = this.#sync.network?.chainId ?? 0
    const defaults = getDefaultTokens({ chainId })
    const nfts = new Set(history.transfers.filter((t) => t.tokenId !== undefined).map((t) => t.asset))
    return history.tokens.map((address) =>
      describe({ address, defaults, list: this.#tokens.tokens, read: this.#read[address] ?? undefined, nft: nfts.has(address) }))
  }

  setAddress(address: Address | undefined): void {
    if (address?.toLowerCase() === this.#address?.toLowerCase()) return
    this.#address = address
    this.#generation++
    this.#history = undefined
    this.#evidence = undefined
    this.#proven = []
    this.#providers = { headers: [], heads: [], answers: [], rejected: [] }
    this.#error = undefined
    this.#progress = undefined
    void this.#load()
  }

  /** Brings the proven range up to the verified head (only new blocks are proven). */
  refresh(): Promise<void> {
    return this.#run(undefined)
  }

  /** Proves EXTEND_BLOCKS more blocks below the proven range. */
  extendBack(): Promise<void> {
    const from = this.#history?.fromBlock
    if (from === undefined || from <= 1n) return Promise.resolve()
    return this.#run(from > EXTEND_BLOCKS ? from - EXTEND_BLOCKS : 1n)
  }

  /** Adds a token seen in the history to the token list (its balance is then shown on Home). */
  accept(address: Address): Promise<{ token: Token; impersonates: Token | undefined }> {
    return this.#tokens.add(address)
  }

  #key(address: Address) {
    return `${this.#sync.network?.chainId ?? 0}:${address.toLowerCase()}`
  }

  #openStore(): Promise<HistoryStore> {
    return (this.#store ??= import('../../lib/history/createIndexedDbHistoryStore.ts').then((m) => m.createIndexedDbHistoryStore()))
  }

  async #load(): Promise<void> {
    const address = this.#address
    const generation = this.#generation
    this.#describe ??= (await import('../../lib/history/describeHistoryToken.ts')).describeHistoryToken
    if (!address) return
    const stored = await (await this.#openStore()).get(this.#key(address)).catch(() => undefined)
    if (generation !== this.#generation || this.#history) return
    this.#history = stored
    void this.#readTokens()
  }

  async #run(fromBlock: bigint | undefined): Promise<void> {
    const engine = this.#sync.engine
    const address = this.#address
    if (!engine || !address || !this.#sync.optimistic || this.#running) return
    const generation = this.#generation
    this.#running = true
    try {
      const [{ updateHistory }, store, head] = await Promise.all([
        import('../../lib/history/updateHistory.ts'),
        this.#openStore(),
        engine.lightClient.getExecutionHeader('latest'),
      ])
      // Recorded (who answered, who was refused; not the thousands of headers themselves) for "What was checked".
      const recorded = engine.recordRead({ keepResults: false })
      const { history, segments } = await updateHistory({
        client: recorded.context.client, head, address, store, key: this.#key(address), fromBlock,
        onProgress: (p) => generation === this.#generation && (this.#progress = progressText(p)),
      })
      if (generation !== this.#generation) return
      this.#history = history
      this.#error = undefined
      if (segments.length > 0) void this.#recordEvidence({ engine, head, history, segments, read: recorded.evidence, generation })
      void this.#readTokens()
    } catch (error) {
      if (generation === this.#generation) this.#error = errorText(error)
    } finally {
      this.#running = false
      if (generation === this.#generation) this.#progress = undefined
    }
  }

  /** The range's evidence after a run that proved something: this visit's segments and providers so far, the head it now ends at. */
  async #recordEvidence({ engine, head, history, segments, read, generation }: {
    engine: NonNullable<SyncState['engine']>
    head: VerifiedExecutionHeader
    history: ProvenHistory
    segments: HistoryRangeEvidence['proven']
    read: ReadEvidence
    generation: number
  }): Promise<void> {
    // A reorganization drops the kept range: then only what was proven since counts.
    this.#proven = [...this.#proven.filter((p) => p.fromBlock >= history.fromBlock && p.toBlock <= history.toBlock), ...segments.map(({ fromBlock, toBlock, stats }) => ({ fromBlock, toBlock, stats }))]
    const byUrl = <T extends { url: string }>(list: T[]) => [...new Map(list.map((x) => [x.url, x])).values()]
    this.#providers = { headers: [], heads: [], answers: byUrl([...this.#providers.answers, ...read.answers]), rejected: byUrl([...this.#providers.rejected, ...read.rejected]) }
    const evidence = await toValueEvidence({ engine, read: this.#providers, header: head, atHead: true })
    if (generation !== this.#generation) return
    this.#evidence = { ...evidence, range: { fromBlock: history.fromBlock, toBlock: history.toBlock, proven: this.#proven } }
  }

  /** Symbol and decimals of tokens outside the list, by verified eth_call (null: the contract has none). */
  async #readTokens(): Promise<void> {
    const engine = this.#sync.engine
    const history = this.#history
    if (!engine || !history) return
    const listed = new Set(this.#tokens.tokens.map((t) => t.address.toLowerCase()))
    for (const address of history.tokens) {
      if (listed.has(address) || address in this.#read) continue
      const read = async (functionName: 'symbol' | 'decimals') => engine.client.readContract({ address, abi: erc20Abi, functionName }).catch(() => undefined)
      const symbol = await read('symbol')
      const decimals = await read('decimals')
      this.#read = { ...this.#read, [address]: typeof symbol === 'string' ? { symbol: symbol.replace(/[\p{C}\p{Z}]+/gu, ' ').trim().slice(0, 32), decimals: decimals as number | undefined } : null }
    }
  }
}

function progressText({ segment, phase, done, total }: HistoryProgress & { segment: string }): string {
  const what = { headers: 'headers', receipts: 'receipts of matching blocks', balances: 'balance proofs', transactions: 'blocks where ETH moved' }[phase]
  const where = segment === 'backward' ? 'older blocks' : segment === 'forward' ? 'new blocks' : 'the range'
  return `Proving ${where}: ${what} ${done}${total ? ` of ${total}` : ''}`
}
