import { type Address, type Hex, decodeFunctionResult, encodeFunctionData, erc20Abi, numberToHex } from 'viem'
import { getTokenList } from '../../lib/wallet/getTokenList.ts'
import type { LastVerifiedStore } from '../../lib/wallet/lastVerifiedStore.ts'
import type { Token } from '../../lib/wallet/token.ts'
import { type Checked, type VerifiedAt, lastOf, readAtHead, verifiedAt } from './balanceState.svelte.ts'
import { type Remembered, lastVerifiedKey, toLastVerifiedValue, toRemembered } from './lastVerified.ts'
import type { Settings } from './settings.svelte.ts'
import type { SyncState } from './syncState.svelte.ts'
import { errorText } from '../display/errorText.ts'
import { readWithEvidence } from '../engine/readWithEvidence.ts'
import { SerialReads } from '../../lib/wallet/SerialReads.ts'
import { NoVerifiedHeadError } from './errors.ts'

export type TokenBalance = { token: Token; custom: boolean; balance: Checked<bigint> }

/**
 * The selected account's ERC-20 balances: the network's default list plus the user's tokens
 * (settings), each read by verified eth_call (balanceOf run locally against proven state at the
 * light client's latest verified head), each with its own verification state. Each verified value
 * is kept (network, account, token), so the next visit shows it, stale, before anything answers.
 */
export class TokenState {
  #sync: SyncState
  #settings: Settings
  #address = $state<Address | undefined>(undefined)
  #balances = $state.raw<Record<string, Checked<bigint>>>({})
  /** What earlier visits verified for this account, by token key. */
  #remembered = $state.raw<Record<string, Remembered<bigint>>>({})
  #store: LastVerifiedStore | undefined
  /** Tokens whose remembered value was looked up for this account and network. */
  #looked = new Set<string>()
  #scope: string | undefined
  #reads = new SerialReads(() => void this.refresh())

  readonly tokens: Token[] = $derived.by(() => {
    const chainId = this.#settings.network.chainId
    return getTokenList({ chainId, custom: this.#settings.customTokens })
  })

  /**
   * Created while the App initialises, so the data flow below lives as long as the App: follow the
   * selected account, read a changed token list's balances now (not at the next head), and read
   * again at every new verified head (and whenever what `refresh` reads before its first await changes).
   */
  constructor({ sync, settings, address, store }: { sync: SyncState; settings: Settings; address: () => Address | undefined; store?: LastVerifiedStore }) {
    this.#sync = sync
    this.#settings = settings
    this.#store = store
    $effect(() => this.#setAddress(address()))
    // One effect for both: `refresh` reads the token list first, so a changed list reads its
    // balances now, and a new head reads them once (two effects read every head twice).
    sync.eachHead(() => this.refresh())
  }

  get address() { return this.#address }

  get list(): TokenBalance[] {
    const custom = new Set(this.#settings.customTokens.map((t) => `${t.chainId}:${t.address.toLowerCase()}`))
    return this.tokens.map((token) => ({
      token,
      custom: custom.has(`${token.chainId}:${token.address.toLowerCase()}`),
      balance: this.balanceOf(token),
    }))
  }

  balanceOf(token: Token): Checked<bigint> {
    const last = this.#remembered[key(token)]
    return this.#balances[key(token)] ?? (last ? { state: 'syncing', last } : { state: 'syncing' })
  }

  #setAddress(address: Address | undefined): void {
    if (address === this.#address) return
    this.#address = address
    void this.refresh()
  }

  /** A new account or network: forget the old numbers at once, and look up what earlier visits verified. */
  #follow(): void {
    const network = this.#settings.network
    const owner = this.#address
    const scope = owner && `${network.id}|${network.chainId}|${owner}`
    if (scope !== this.#scope) {
      this.#scope = scope
      this.#reads.next()
      this.#balances = {}
      this.#remembered = {}
      this.#looked.clear()
    }
    if (!owner || !this.#store) return
    const generation = this.#reads.generation
    for (const token of this.tokens) {
      const k = key(token)
      if (this.#looked.has(k)) continue
      this.#looked.add(k)
      this.#store.get(lastVerifiedKey({ network, address: owner, asset: token.address })).then((kept) => {
        if (kept && this.#reads.isCurrent(generation)) this.#remembered = { ...this.#remembered, [k]: toRemembered(kept) }
      }, () => {})
    }
  }

  /**
   * Reads a token's symbol and decimals by verified eth_call and keeps it in settings. Returns the
   * listed token it may be impersonating (same symbol, other address), for the screen to warn about.
   */
  async add(address: string): Promise<{ token: Token; impersonates: Token | undefined }> {
    const engine = this.#sync.engine
    if (!engine || !this.#sync.optimistic) throw new NoVerifiedHeadError({ action: 'Adding a token' })
    // Read at a current head only: while the light client catches up, its head can predate the
    // token's deployment, and "there is no contract at this address" would be a false refusal.
    await this.#sync.untilCurrent({ stale: 'A token read from it could find no contract where there is one now.' })
    const { getTokenMetadata } = await import('../../lib/wallet/getTokenMetadata.ts')
    const result = await getTokenMetadata({ client: engine.client, chainId: this.#settings.network.chainId, address: address.trim() })
    this.#settings.addCustomToken(result.token)
    void this.refresh()
    return result
  }

  remove(token: Token): void {
    this.#settings.removeCustomToken(token)
  }

  async refresh(): Promise<void> {
    // Read before anything else, also when a read is in flight: the effect that calls this follows the list.
    const tokens = this.tokens
    this.#follow()
    const engine = this.#sync.engine
    const owner = this.#address
    const at = verifiedAt(this.#sync)
    if (!engine || !owner || !at || tokens.length === 0) return
    // A newer head's read starts at once; the one before it may still answer first, token by token (`show`).
    const ticket = this.#reads.begin(at.block)
    if (ticket === undefined) return
    const network = this.#settings.network
    try {
      // One at a time: each call fetches its own proofs; a burst would hit every RPC at once.
      for (const token of tokens) {
        const k = key(token)
        let next: Checked<bigint>
        let verified: ({ value: bigint } & VerifiedAt) | undefined
        try {
          // With its evidence ("What was checked"): the call runs in the local EVM over account and
          // storage proofs against the block's state root; which RPC served them is recorded as it happens.
          const data = encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [owner] })
          const read = (blockNumber: bigint) => readWithEvidence({
            engine, method: 'eth_call', params: [{ to: token.address, data }, numberToHex(blockNumber)],
            decode: (result) => decodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', data: result as Hex }),
            // A proof bundle re-runs exactly this call over the proven state (version 2's call claim).
            claimOf: (_, result) => ({ kind: 'call', call: { to: token.address, data }, result: result as Hex }),
          })
          const { value: { value, evidence }, ...where } = await readAtHead({ sync: this.#sync, at, read })
          verified = { ...where, value }
          next = { state: 'verified', ...verified, evidence }
        } catch (error) {
          // A superseded read's failure is not shown: the newer read answers for the screen.
          if (!this.#reads.isNewest(ticket)) continue
          next = { state: 'failed', error: errorText(error), errorName: (error as Error).name, last: lastOf(this.balanceOf(token)) }
        }
        // A newer read has shown this token (and reads the rest itself), or the account changed: stop.
        if (!this.#reads.show(ticket, k)) return
        if (verified) this.#store?.put(lastVerifiedKey({ network, address: owner, asset: token.address }), toLastVerifiedValue(verified)).catch(() => {})
        this.#balances = { ...this.#balances, [k]: next }
      }
    } finally {
      this.#reads.end(ticket)
    }
  }
}

const key = (token: Token) => `${token.chainId}:${token.address.toLowerCase()}`
