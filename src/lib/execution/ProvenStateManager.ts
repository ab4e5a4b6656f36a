import type { Common } from '@ethereumjs/common'
import { SimpleStateManager } from '@ethereumjs/statemanager'
import { Account, type Address as EthAddress, bigIntToUnpaddedBytes, hexToBytes } from '@ethereumjs/util'
import { bytesToHex, pad } from 'viem'
import type { Address, Hex, ProofFetcher, ProofRequest, ProvenAccount } from './types.ts'
import { CallExecutionError } from './errors.ts'

/**
 * EVM state that holds only proven data: every account, slot or code the EVM reads that has not
 * been proven yet is fetched with its proof (one round trip) before the read returns, so nothing
 * is ever read as a default zero or empty value. Writes during execution stay in memory.
 */
export class ProvenStateManager extends SimpleStateManager {
  #fetch: ProofFetcher
  #accounts = new Set<string>()
  #slots = new Set<string>()
  #codes = new Set<string>()
  #balances = new Map<Address, bigint>()
  /** How many round trips were needed after the prefetch (misses of the access list). */
  missFetches = 0
  /**
   * Set by the runner once the top-level call has returned: the VM then only pays the coinbase,
   * whose balance cannot change the result, so unproven reads are not worth a round trip. They
   * read as the default and are reverted with the rest of the run.
   */
  executionDone = false

  constructor({ fetch, common }: { fetch: ProofFetcher; common?: Common }) {
    super({ common })
    this.#fetch = fetch
  }

  /** Proves and loads a set of accounts, slots and code in one round trip. */
  async prefetch(requests: ProofRequest[]): Promise<void> {
    const missing = requests
      .map(({ address, slots, code }) => {
        const key = address.toLowerCase()
        return {
          address,
          slots: slots.filter((slot) => !this.#slots.has(`${key}_${pad(slot, { size: 32 }).toLowerCase()}`)),
          code: code && !this.#codes.has(key),
          known: this.#accounts.has(key),
        }
      })
      .filter((r) => !r.known || r.slots.length > 0 || r.code)
      .map(({ known: _, ...request }) => request)
    if (missing.length === 0) return
    this.#store(await this.#fetch(missing))
  }

  /** The proven (pre-call) balance of every account proven so far: the accounts any run touched. */
  provenBalances(): Map<Address, bigint> {
    return new Map(this.#balances)
  }

  override async getAccount(address: EthAddress): Promise<Account | undefined> {
    const key = address.toString() as Address
    if (!this.#accounts.has(key)) await this.#miss({ address: key, slots: [], code: false })
    return super.getAccount(address)
  }

  override async getStorage(address: EthAddress, slot: Uint8Array): Promise<Uint8Array> {
    const key = address.toString() as Address
    const slotHex = pad(bytesToHex(slot), { size: 32 })
    if (!this.#slots.has(`${key}_${slotHex}`)) await this.#miss({ address: key, slots: [slotHex], code: false })
    return super.getStorage(address, slot)
  }

  override async getCode(address: EthAddress): Promise<Uint8Array> {
    const key = address.toString() as Address
    if (!this.#codes.has(key)) await this.#miss({ address: key, slots: [], code: true })
    return super.getCode(address)
  }

  override shallowCopy(): never {
    throw new CallExecutionError({ reason: 'the proven state cannot be copied (a copy would lose the proof bookkeeping)' })
  }

  async #miss(request: ProofRequest) {
    if (this.executionDone) return
    this.missFetches++
    this.#store(await this.#fetch([request]))
  }

  // Proven data goes into every checkpoint layer that has not overwritten it: it is the state
  // before the call, visible whatever the EVM later reverts.
  #store(proven: ProvenAccount[]) {
    for (const { account, storage, code } of proven) {
      const key = account.address.toLowerCase() as Address
      if (!this.#accounts.has(key)) {
        this.#accounts.add(key)
        this.#balances.set(key, account.exists ? account.balance : 0n)
        const value = account.exists
          ? new Account(account.nonce, account.balance, hexToBytes(account.storageRoot), hexToBytes(account.codeHash))
          : undefined
        for (const layer of this.accountStack) if (!layer.has(key)) layer.set(key, value && copyAccount(value))
      }
      for (const [slot, slotValue] of storage) {
        const slotKey = `${key}_${pad(slot, { size: 32 }).toLowerCase()}`
        if (this.#slots.has(slotKey)) continue
        this.#slots.add(slotKey)
        const bytes = slotValue === 0n ? new Uint8Array() : bigIntToUnpaddedBytes(slotValue)
        for (const layer of this.storageStack) if (!layer.has(slotKey)) layer.set(slotKey, bytes)
      }
      if (code !== undefined && !this.#codes.has(key)) {
        this.#codes.add(key)
        const bytes = hexToBytes(code as Hex)
        for (const layer of this.codeStack) if (!layer.has(key)) layer.set(key, bytes)
      }
    }
  }
}

function copyAccount(account: Account): Account {
  return new Account(account.nonce, account.balance, account.storageRoot, account.codeHash)
}
