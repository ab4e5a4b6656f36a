import { type Address, type Hex, decodeFunctionResult, encodeFunctionData, getAddress, numberToHex } from 'viem'
import type { GrantedApproval } from '../../lib/contract/getVerifiedApprovals.ts'
import type { Token } from '../../lib/wallet/token.ts'
import { type Checked, readAtHead, verifiedAt } from './balanceState.svelte.ts'
import { errorText } from '../display/errorText.ts'
import type { SyncState } from './syncState.svelte.ts'
import { type ValueEvidence, readWithEvidence } from '../engine/readWithEvidence.ts'
import { readReceiptWithEvidence } from '../engine/readReceiptWithEvidence.ts'

/** How far back a search goes when the account has no proven history range, and each "earlier" step. */
export const APPROVAL_SEARCH_SPAN = 1000n

export type ApprovalRow = GrantedApproval & {
  /** The allowance now (ERC-20), or 1/0 for an operator, by verified eth_call at the verified head. */
  current: { state: 'loading' } | Checked<bigint>
  tokenInfo: Pick<Token, 'symbol' | 'decimals'> | undefined
  /** What "granted in block N" rests on: the granting transaction's receipt, read with its evidence (once per row). */
  granted?: ValueEvidence
}
export type SearchedRange = { fromBlock: bigint; toBlock: bigint; fromTimestamp: bigint; toTimestamp: bigint; basis: 'history' | 'recent' }

/**
 * The approvals the selected account granted: Approval and ApprovalForAll logs from verified
 * receipts over a searched range (the account's proven history range when there is one, else the
 * last APPROVAL_SEARCH_SPAN blocks, extended backwards on request), each with its current value
 * read by verified eth_call. The range is always shown: nothing outside it was searched.
 */
export class ApprovalsState {
  #sync: SyncState
  #owner = $state<Address | undefined>(undefined)
  #status = $state<'idle' | 'searching' | 'ready' | 'failed'>('idle')
  #progress = $state<string | undefined>(undefined)
  #error = $state<string | undefined>(undefined)
  #range = $state.raw<SearchedRange | undefined>(undefined)
  #rows = $state.raw<ApprovalRow[]>([])
  #generation = 0

  constructor({ sync }: { sync: SyncState }) {
    this.#sync = sync
  }

  get owner() { return this.#owner }
  get status() { return this.#status }
  get progress() { return this.#progress }
  get error() { return this.#error }
  get range() { return this.#range }
  get rows() { return this.#rows }

  /** Searches from the proven history range's start (or the recent span) to the verified head. */
  async search({ owner, chainId, tokens }: { owner: Address; chainId: number; tokens: readonly Token[] }): Promise<void> {
    const generation = ++this.#generation
    this.#owner = owner
    this.#rows = []
    this.#range = undefined
    await this.#scan({ generation, chainId, tokens, pick: async (head) => {
      const { createIndexedDbHistoryStore } = await import('../../lib/history/createIndexedDbHistoryStore.ts')
      const { historyKey } = await import('../../lib/history/historyStore.ts')
      const proven = await createIndexedDbHistoryStore().get(historyKey({ chainId, address: owner })).catch(() => undefined)
      if (proven && proven.fromBlock <= head) return { fromBlock: proven.fromBlock, basis: 'history' as const }
      return { fromBlock: head >= APPROVAL_SEARCH_SPAN ? head - APPROVAL_SEARCH_SPAN + 1n : 0n, basis: 'recent' as const }
    } })
  }

  /** Extends the searched range APPROVAL_SEARCH_SPAN blocks further back; later logs keep precedence. */
  async searchEarlier({ chainId, tokens }: { chainId: number; tokens: readonly Token[] }): Promise<void> {
    const range = this.#range
    if (!range || range.fromBlock === 0n || this.#status === 'searching') return
    const toBlock = range.fromBlock - 1n
    const fromBlock = toBlock >= APPROVAL_SEARCH_SPAN ? toBlock - APPROVAL_SEARCH_SPAN + 1n : 0n
    await this.#scan({ generation: this.#generation, chainId, tokens, pick: async () => ({ fromBlock, toBlock, basis: range.basis }), below: range })
  }

  async #scan({ generation, tokens, pick, below }: { generation: number; chainId: number; tokens: readonly Token[]; pick: (head: bigint) => Promise<{ fromBlock: bigint; toBlock?: bigint; basis: SearchedRange['basis'] }>; below?: SearchedRange }): Promise<void> {
    const engine = this.#sync.engine
    const owner = this.#owner
    if (!engine || !owner || !this.#sync.optimistic) {
      this.#status = 'failed'
      this.#error = 'Searching needs a verified head: wait until the light client is synced.'
      return
    }
    this.#status = 'searching'
    this.#error = undefined
    try {
      const { getVerifiedApprovals } = await import('../../lib/contract/getVerifiedApprovals.ts')
      const head = await engine.lightClient.getExecutionHeader('latest')
      const { fromBlock, toBlock, basis } = await pick(head.number)
      const found = await getVerifiedApprovals({
        client: engine.rpc, head, owner, fromBlock, toBlock,
        onProgress: ({ phase, done, total }) => {
          if (generation === this.#generation) this.#progress = phase === 'headers' ? `Verifying headers: ${done} of ${total} chunks` : `Reading verified receipts: ${done} of ${total} blocks whose bloom matches`
        },
      })
      if (generation !== this.#generation) return
      const range: SearchedRange = below
        ? { fromBlock: found.fromBlock, toBlock: below.toBlock, fromTimestamp: found.fromTimestamp, toTimestamp: below.toTimestamp, basis }
        : { fromBlock: found.fromBlock, toBlock: found.toBlock, fromTimestamp: found.fromTimestamp, toTimestamp: found.toTimestamp, basis }
      const newer = new Set(this.#rows.map(keyOf))
      const rows = [...this.#rows, ...found.approvals.filter((a) => !newer.has(keyOf(a))).map((a) => ({ ...a, current: { state: 'loading' } as const, tokenInfo: tokenOf(tokens, a.token) }))]
      this.#rows = rows
      this.#range = range
      this.#status = 'ready'
      this.#progress = undefined
      await this.refreshCurrent()
      await this.#readTokenInfo(generation)
      await this.#readGrantEvidence(generation)
    } catch (error) {
      if (generation !== this.#generation) return
      this.#status = 'failed'
      this.#progress = undefined
      this.#error = errorText(error)
    }
  }

  /** Symbol and decimals of ERC-20s not in the token list, by verified calls (best effort: a row without them shows base units). */
  async #readTokenInfo(generation: number): Promise<void> {
    const engine = this.#sync.engine
    const chainId = this.#sync.network?.chainId
    if (!engine || chainId === undefined) return
    const { getTokenMetadata } = await import('../../lib/wallet/getTokenMetadata.ts')
    for (const row of this.#rows.filter((r) => r.kind === 'erc20' && !r.tokenInfo)) {
      const info = await getTokenMetadata({ client: engine.client, chainId, address: row.token }).then((m) => m.token, () => undefined)
      if (generation !== this.#generation) return
      if (info) this.#rows = this.#rows.map((r) => (r.kind === 'erc20' && r.token === row.token ? { ...r, tokenInfo: info } : r))
    }
  }

  /**
   * The evidence of each row's grant: its transaction's receipt read again through the verified
   * transport (the scan's own reads are a whole range's; this is the one block the row names, its
   * receipts against that block's receipts root). Best effort: a row without it shows no disclosure.
   */
  async #readGrantEvidence(generation: number): Promise<void> {
    const engine = this.#sync.engine
    if (!engine) return
    for (const row of this.#rows.filter((r) => !r.granted)) {
      const granted = await readReceiptWithEvidence({ engine, hash: row.transactionHash }).catch(() => undefined)
      if (generation !== this.#generation) return
      if (granted) this.#rows = this.#rows.map((r) => (keyOf(r) === keyOf(row) ? { ...r, granted } : r))
    }
  }

  /** Re-reads every row's current allowance at the verified head (after a revoke, for instance). */
  async refreshCurrent(): Promise<void> {
    const engine = this.#sync.engine
    const owner = this.#owner
    const at = verifiedAt(this.#sync)
    if (!engine || !owner || !at) return
    const generation = this.#generation
    const { erc20Abi, erc721Abi } = await import('../../lib/contract/knownAbis.ts')
    for (const row of this.#rows) {
      let current: ApprovalRow['current']
      try {
        // With its evidence ("What was checked"): the allowance computed in the local EVM over proven storage.
        const call = row.kind === 'erc20'
          ? { abi: erc20Abi, functionName: 'allowance' as const, args: [owner, row.spender] as const }
          : { abi: erc721Abi, functionName: 'isApprovedForAll' as const, args: [owner, row.spender] as const }
        const data = encodeFunctionData(call as never)
        const read = (blockNumber: bigint) => readWithEvidence({
          engine, method: 'eth_call', params: [{ to: row.token, data }, numberToHex(blockNumber)],
          decode: (result) => {
            const value = decodeFunctionResult({ abi: call.abi, functionName: call.functionName, data: result as Hex } as never) as bigint | boolean
            return typeof value === 'boolean' ? (value ? 1n : 0n) : value
          },
          // A proof bundle re-runs exactly this call over the proven state (version 2's call claim).
          claimOf: (_, result) => ({ kind: 'call', call: { to: getAddress(row.token), data }, result: result as Hex }),
        })
        const { value: { value, evidence }, ...where } = await readAtHead({ sync: this.#sync, at, read })
        current = { state: 'verified', ...where, value, evidence }
      } catch (error) {
        current = { state: 'failed', error: errorText(error), errorName: (error as Error).name }
      }
      if (generation !== this.#generation) return
      this.#rows = this.#rows.map((r) => (keyOf(r) === keyOf(row) ? { ...r, current } : r))
    }
  }
}

const keyOf = (a: GrantedApproval) => `${a.kind}:${a.token}:${a.spender}`
const tokenOf = (tokens: readonly Token[], address: Address) => tokens.find((t) => t.address.toLowerCase() === address)
