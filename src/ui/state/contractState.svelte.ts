import { type Abi, type AbiFunction, type Address, type Hex, keccak256, numberToHex } from 'viem'
import type { ParseContractAbiReturnType } from '../../lib/contract/parseContractAbi.ts'
import { type Checked, readAtHead, verifiedAt } from './balanceState.svelte.ts'
import { errorText } from '../display/errorText.ts'
import type { SyncState } from './syncState.svelte.ts'
import { ContractNotLoadedError } from './errors.ts'
import { readWithEvidence } from '../engine/readWithEvidence.ts'
import { SerialReads } from '../../lib/wallet/SerialReads.ts'

/** What the verified code at the address is: a contract, nothing, or an EIP-7702 delegation (and to whom). */
export type CodeKind = { kind: 'contract' } | { kind: 'none' } | { kind: 'delegated'; delegate: Address }
export type ReadResult = { state: 'loading' } | Checked<{ name: string; type: string; value: string }[]>

/** `name(type,…)`: overloads share a name, not a signature. */
export const signatureOf = (fn: AbiFunction) => `${fn.name}(${fn.inputs.map((i) => i.type).join(',')})`

/**
 * The Contract screen's contract: its address and the ABI the user pasted, the verified code at
 * the address, and each read function's last result, run by verified eth_call (locally over state
 * proven at the verified head) with the block it was verified at. Writes are encoded here and go
 * through the normal review (SendFlow.prepareCall).
 */
export class ContractState {
  #sync: SyncState
  #address = $state<Address | undefined>(undefined)
  #parsed = $state.raw<ParseContractAbiReturnType | undefined>(undefined)
  #error = $state<string | undefined>(undefined)
  #errorName = $state<string | undefined>(undefined)
  #code = $state.raw<{ state: 'loading' } | Checked<CodeKind> | undefined>(undefined)
  #reads = $state.raw<Record<string, ReadResult>>({})
  /** The loads asked for: a newer one wins over one still parsing. */
  #loads = 0
  /** The loaded contract's generation: moves with the address, in the same step, never before it. */
  #generation = 0
  /** The code checks at each head: the newest head's answer is never replaced by an older head's. */
  #codeChecks = new SerialReads(() => void this.refreshCode())

  constructor({ sync }: { sync: SyncState }) {
    this.#sync = sync
  }

  get address() { return this.#address }
  get abi(): Abi | undefined { return this.#parsed?.abi }
  get reads() { return this.#parsed?.reads ?? [] }
  get writes() { return this.#parsed?.writes ?? [] }
  get error() { return this.#error }
  get errorName() { return this.#errorName }
  get code() { return this.#code }
  resultOf(fn: AbiFunction): ReadResult | undefined {
    return this.#reads[signatureOf(fn)]
  }

  /** Checks the address (EIP-55) and parses the ABI; on bad input nothing of the previous contract is kept. */
  async load({ address, abiText }: { address: string; abiText: string }): Promise<void> {
    const load = ++this.#loads
    this.#error = undefined
    this.#reads = {}
    try {
      const [{ verifyAddress }, { parseContractAbi }] = await Promise.all([import('../../lib/wallet/verifyAddress.ts'), import('../../lib/contract/parseContractAbi.ts')])
      const checked = verifyAddress({ address })
      const parsed = parseContractAbi({ text: abiText })
      if (load !== this.#loads) return
      this.#use(checked, parsed)
    } catch (error) {
      if (load !== this.#loads) return
      this.#use(undefined, undefined)
      this.#error = errorText(error)
      this.#errorName = (error as Error).name
      return
    }
    await this.#checkCode()
  }

  /**
   * The new contract, its generation and a fresh start of its code checks, in one step: a check or
   * read begun while the load was still parsing belongs to the contract before (its address) and
   * answers for it, never under the new one's name (it once showed the old contract's code as the
   * new address's, at a head where the new one was not deployed yet).
   */
  #use(address: Address | undefined, parsed: ParseContractAbiReturnType | undefined): void {
    this.#generation = this.#codeChecks.next()
    this.#address = address
    this.#parsed = parsed
    this.#reads = {}
    this.#code = address ? { state: 'loading' } : undefined
  }

  /** Re-reads the code at a new verified head (a contract deployed since, or a delegation set or cleared). */
  refreshCode(): Promise<void> {
    return this.#checkCode()
  }

  async #checkCode(): Promise<void> {
    const engine = this.#sync.engine
    const at = verifiedAt(this.#sync)
    const address = this.#address
    if (!address) return
    if (!engine || !at) return void (this.#code = { state: 'syncing' })
    // Taken with the address, in the same step: an answer for another contract is never shown.
    const check = this.#codeChecks.begin(at.block)
    if (!check) return
    if (this.#code?.state !== 'verified') this.#code = { state: 'loading' }
    try {
      const { delegationOf } = await import('../../lib/execution/previewTransaction.ts')
      // With its evidence ("What was checked"): the code hash proven in the account, the code hashed to it.
      const { value: { value, evidence }, ...where } = await readAtHead({
        sync: this.#sync, at,
        read: (blockNumber) => readWithEvidence({
          engine, method: 'eth_getCode', params: [address, numberToHex(blockNumber)], decode: (result) => result as Hex,
          // Export proof: the code against the account's proven code hash.
          claimOf: (code) => ({ kind: 'code', address, codeHash: keccak256(code ?? '0x'), size: ((code ?? '0x').length - 2) / 2 }),
        }),
      })
      const read = { ...where, evidence }
      const code = (value ?? '0x') as Hex
      const delegate = delegationOf(code)
      const kind: CodeKind = delegate ? { kind: 'delegated', delegate } : code === '0x' ? { kind: 'none' } : { kind: 'contract' }
      if (this.#codeChecks.show(check)) this.#code = { state: 'verified', ...read, value: kind }
    } catch (error) {
      // A superseded check's failure is not shown: the newer check answers for the screen.
      if (this.#codeChecks.isNewest(check) && this.#codeChecks.show(check)) this.#code = { state: 'failed', error: errorText(error), errorName: (error as Error).name }
    } finally {
      this.#codeChecks.end(check)
    }
  }

  /** Runs a read function by verified eth_call at the verified head; the result carries that block. */
  async read(fn: AbiFunction, values: readonly string[]): Promise<void> {
    const key = signatureOf(fn)
    const engine = this.#sync.engine
    const at = verifiedAt(this.#sync)
    const address = this.#address
    const abi = this.abi
    const generation = this.#generation
    const set = (result: ReadResult) => {
      if (generation === this.#generation) this.#reads = { ...this.#reads, [key]: result }
    }
    if (!engine || !at || !address || !abi) return set({ state: 'failed', error: 'Reading needs a verified head: wait until the light client is synced.', errorName: 'NotSynced' })
    set({ state: 'loading' })
    try {
      const [{ decodeFunctionCallResult, encodeFunctionCall }, { formatAbiValue }] = await Promise.all([
        import('../../lib/contract/encodeFunctionCall.ts'),
        import('../../lib/contract/decodeCalldata.ts'),
      ])
      const data = encodeFunctionCall({ fn, values })
      // With its evidence: the local EVM's run over proven accounts and storage, and who served the proofs.
      const { value: { value: returned, evidence }, ...where } = await readAtHead({
        sync: this.#sync, at,
        read: (blockNumber) => readWithEvidence({
          engine, method: 'eth_call', params: [{ to: address, data }, numberToHex(blockNumber)], decode: (result) => (result ?? '0x') as Hex,
          // Export proof: a call bundle, re-run offline over the state this run was proven on.
          claimOf: (returned) => ({ kind: 'call', call: { to: address, data }, result: returned }),
        }),
      })
      const read = { ...where, evidence }
      const outputs = decodeFunctionCallResult({ fn, data: returned })
      set({ state: 'verified', ...read, value: fn.outputs.map((o, i) => ({ name: o.name || (fn.outputs.length > 1 ? `#${i}` : ''), type: o.type, value: formatAbiValue(outputs[i]) })) })
    } catch (error) {
      set({ state: 'failed', error: await this.#revertText(error), errorName: (error as Error).name })
    }
  }

  /** A write function's transaction: the calldata from the typed arguments and the ETH value (payable only). */
  async encodeWrite(fn: AbiFunction, values: readonly string[], ethValue: string): Promise<{ to: Address; data: Hex; value: bigint; abi: Abi }> {
    const address = this.#address
    const abi = this.abi
    if (!address || !abi) throw new ContractNotLoadedError()
    const [{ encodeFunctionCall }, { parseAmount }] = await Promise.all([
      import('../../lib/contract/encodeFunctionCall.ts'),
      import('../../lib/wallet/parseAmount.ts'),
    ])
    const data = encodeFunctionCall({ fn, values })
    const value = fn.stateMutability === 'payable' && ethValue.trim() && !/^0*\.?0*$/.test(ethValue.trim()) ? parseAmount({ input: ethValue, decimals: 18, symbol: 'ETH' }) : 0n
    return { to: address, data, value, abi }
  }

  /** A revert's reason decoded with the pasted ABI's errors and the standards'; any other failure as it is. */
  async #revertText(error: unknown): Promise<string> {
    for (let e = error as { name?: string; cause?: unknown; reason?: string; data?: Hex } | undefined, d = 0; e && d < 6; e = e.cause as typeof e, d++) {
      if (e.name === 'CallRevertedError' && e.data) {
        const { revertReason } = await import('../../lib/execution/previewTransaction.ts')
        return `It reverts: ${revertReason(e.reason ?? 'revert', e.data, this.abi)} (run locally over proven state).`
      }
    }
    return errorText(error)
  }
}
