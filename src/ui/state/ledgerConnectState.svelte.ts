import type { Address } from 'viem'
import type { LedgerAddress } from '../../lib/wallet/ledger/listLedgerAddresses.ts'
import type { LedgerPathScheme } from '../../lib/wallet/ledger/ledgerPath.ts'
import { errorText } from '../display/errorText.ts'
import { getLedgerTransport } from '../keys/ledgerTransport.ts'
import type { WalletState } from './walletState.svelte.ts'

const PAGE = 5

/** Adding a Ledger account: connect, page through addresses on a path scheme, confirm one on the device, add it. */
export class LedgerConnectState {
  #wallet: WalletState
  #scheme = $state<LedgerPathScheme>('bip44')
  #start = $state(0)
  #addresses = $state.raw<LedgerAddress[]>([])
  #busy = $state<'connecting' | 'listing' | 'confirming' | undefined>(undefined)
  #error = $state<string | undefined>(undefined)
  #confirming = $state<Address | undefined>(undefined)

  constructor({ wallet }: { wallet: WalletState }) {
    this.#wallet = wallet
  }

  get scheme() { return this.#scheme }
  get start() { return this.#start }
  get addresses() { return this.#addresses }
  get busy() { return this.#busy }
  get error() { return this.#error }
  /** The address being shown on the device, waiting for the user there. */
  get confirming() { return this.#confirming }

  async connect(): Promise<void> {
    await this.#list('connecting', this.#scheme, 0)
  }

  async setScheme(scheme: LedgerPathScheme): Promise<void> {
    await this.#list('listing', scheme, 0)
  }

  async page(direction: 1 | -1): Promise<void> {
    await this.#list('listing', this.#scheme, Math.max(0, this.#start + direction * PAGE))
  }

  /** Shows the address on the Ledger; once approved there, adds it (no keys: the address and its path). */
  async add(entry: LedgerAddress): Promise<boolean> {
    this.#error = undefined
    this.#busy = 'confirming'
    this.#confirming = entry.address
    try {
      const { verifyLedgerAddress } = await import('../../lib/wallet/ledger/verifyLedgerAddress.ts')
      await verifyLedgerAddress({ transport: await getLedgerTransport(), path: entry.path, address: entry.address, display: true })
      this.#wallet.addLedger({ address: entry.address, path: entry.path })
      return true
    } catch (error) {
      this.#error = errorText(error)
      return false
    } finally {
      this.#busy = undefined
      this.#confirming = undefined
    }
  }

  async #list(busy: 'connecting' | 'listing', scheme: LedgerPathScheme, start: number): Promise<void> {
    this.#error = undefined
    this.#busy = busy
    try {
      const { listLedgerAddresses } = await import('../../lib/wallet/ledger/listLedgerAddresses.ts')
      this.#addresses = await listLedgerAddresses({ transport: await getLedgerTransport(), scheme, start, count: PAGE })
      this.#scheme = scheme
      this.#start = start
    } catch (error) {
      this.#error = errorText(error)
    } finally {
      this.#busy = undefined
    }
  }
}
