import { type Abi, type Address, type Hash, type Hex, hexToBigInt, numberToHex } from 'viem'
import type { VerifiedClient } from '../../lib/rpc/createVerifiedClient.ts'
import type { PreparedTransfer } from '../../lib/wallet/prepareTransfer.ts'
import type { Token } from '../../lib/wallet/token.ts'
import type { ActivityState } from './activityState.svelte.ts'
import { errorText } from '../display/errorText.ts'
import { TransactionPreviewState } from './transactionPreviewState.svelte.ts'
import { type ValueEvidence, readWithEvidence } from '../engine/readWithEvidence.ts'
import type { DetectAddressPoisoningReturnType } from '../../lib/wallet/detectAddressPoisoning.ts'
import { EnsUnavailableError } from '../../lib/ens/errors.ts'
import { networkLabel } from '../../lib/trust/networkEntry.ts'
import { isEnsNameInput } from '../../lib/ens/isEnsNameInput.ts'
import type { NameAnswer, NameState } from './nameState.svelte.ts'
import type { Settings } from './settings.svelte.ts'
import type { SyncState } from './syncState.svelte.ts'
import type { WalletState } from './walletState.svelte.ts'

/** What the activity list shows for a send: the reviewed recipient and amount in the token's units. */
const summaryOf = (review: PreparedTransfer['review']) => ({
  recipient: review.recipient,
  ...(review.kind === 'call' ? { call: review.decoded ? `${review.decoded.functionName}(${review.decoded.args.map((a) => a.value).join(', ')})` : `call ${review.data?.slice(0, 10) ?? ''}` } : {}),
  amount: review.amount,
  symbol: review.symbol,
  decimals: review.token?.decimals ?? 18,
  ...(review.token ? { token: review.token.address } : {}),
})

export type SendPhase = 'edit' | 'preparing' | 'review' | 'sending' | 'pending' | 'success' | 'failed'

/** One send: edit -> review (decoded from the exact transaction) -> sign and broadcast -> verified receipt. */
export class SendFlow {
  #sync: SyncState
  #wallet: WalletState
  #activity: ActivityState
  #settings: Settings | undefined
  #names: NameState | undefined
  /** The ENS name the recipient was typed as, and its verified (or offchain) answer. */
  #resolvedName = $state.raw<NameAnswer | undefined>(undefined)
  #offchainAcknowledged = $state(false)
  /** The recipient against the address book, contacts, own accounts and past recipients (poisoning check). */
  #recipientCheck = $state.raw<DetectAddressPoisoningReturnType | undefined>(undefined)
  #lookalikeAcknowledged = $state(false)
  #phase = $state<SendPhase>('edit')
  #prepared = $state.raw<PreparedTransfer | undefined>(undefined)
  #hash = $state<Hash | undefined>(undefined)
  #error = $state<string | undefined>(undefined)
  #errorName = $state<string | undefined>(undefined)
  #blockNumber = $state<bigint | undefined>(undefined)
  #blockTimestamp = $state<bigint | undefined>(undefined)
  /** The verified head the review's nonce, balance and fees were read at (its timestamp: the review's age). */
  #readAt = $state.raw<{ block: bigint; timestamp: bigint } | undefined>(undefined)
  /** The confirmed nonce the review rests on, read with its evidence at the review's block ("What was checked"). */
  #nonceEvidence = $state.raw<{ nonce: bigint; evidence: ValueEvidence } | undefined>(undefined)
  /** Set when the browser wallet refused eth_signTransaction: the review then offers letting the wallet send it. */
  #walletSend = $state.raw<{ walletName: string } | undefined>(undefined)
  /** This send went out through the wallet's own RPC, and the transaction under its hash was checked on inclusion. */
  #broadcastByWallet = $state(false)

  constructor({ sync, wallet, activity, settings, names }: { sync: SyncState; wallet: WalletState; activity: ActivityState; settings?: Settings; names?: NameState }) {
    this.#settings = settings
    this.#names = names
    this.#sync = sync
    this.#wallet = wallet
    this.#activity = activity
  }

  get phase() { return this.#phase }
  get review() { return this.#prepared?.review }
  /** The balance-change preview of the reviewed transaction (local EVM over proven state). */
  readonly preview = new TransactionPreviewState()
  get hash() { return this.#hash }
  /** The settled receipt's evidence: the one Activity reads for the record (never read a second time here). */
  get receipt(): { evidence: ValueEvidence; reverted: boolean } | undefined {
    if (!this.#hash || (this.#phase !== 'success' && this.#phase !== 'failed')) return undefined
    const evidence = this.#activity.evidenceOf(this.#hash)
    return evidence && { evidence, reverted: this.#activity.get(this.#hash)?.status === 'failed' }
  }
  get error() { return this.#error }
  get errorName() { return this.#errorName }
  get blockNumber() { return this.#blockNumber }
  /** The including block's own timestamp (from its verified header), for the receipt's age. */
  get blockTimestamp() { return this.#blockTimestamp }
  get readAt() { return this.#readAt }
  get nonceEvidence() { return this.#nonceEvidence }
  get walletSend() { return this.#walletSend }
  get recipientCheck() { return this.#recipientCheck }
  get resolvedName() { return this.#resolvedName }
  /**
   * A look-alike recipient blocks signing until the user says they compared the whole address; so
   * does a name answered offchain (not verified) until they say they checked the address another way.
   */
  get signingBlocked() {
    return ((this.#recipientCheck?.lookalikes.length ?? 0) > 0 && !this.#lookalikeAcknowledged) || (this.#resolvedName?.offchain !== undefined && !this.#offchainAcknowledged)
  }
  get offchainAcknowledged() { return this.#offchainAcknowledged }
  acknowledgeOffchain(value: boolean): void {
    this.#offchainAcknowledged = value
  }
  acknowledgeLookalike(value: boolean): void {
    this.#lookalikeAcknowledged = value
  }
  get broadcastByWallet() { return this.#broadcastByWallet }

  /** `token` omitted: ETH. */
  async prepare({ to, amount, token }: { to: string; amount: string; token?: Token }): Promise<void> {
    await this.#prepareWith(undefined, async ({ client, chainId, from, baseFeePerGas, minimumNonce, blockNumber }) => {
      // A name is resolved at the verified head (the Universal Resolver run over proven state); the
      // review shows the name, the address it gave and how far that answer can be trusted.
      let recipient = to.trim()
      if (isEnsNameInput(recipient)) {
        if (!this.#names) throw new EnsUnavailableError({ network: networkLabel(this.#sync.network!) })
        this.#resolvedName = await this.#names.resolve(recipient)
        recipient = this.#resolvedName.address
      }
      const [{ parseAmount }, { prepareTransfer }] = await Promise.all([import('../../lib/wallet/parseAmount.ts'), import('../../lib/wallet/prepareTransfer.ts')])
      const value = parseAmount({ input: amount, decimals: token?.decimals ?? 18, symbol: token?.symbol ?? 'ETH' })
      return prepareTransfer({ client, chainId, from, to: recipient, amount: value, token, baseFeePerGas, minimumNonce, blockNumber })
    })
  }

  /**
   * A contract call (the Contract screen, a rescue action, a revoke): the same review, preview and
   * send as a transfer. `abi` is the user's ABI for the contract, to decode the call on the review.
   */
  async prepareCall({ to, data, value = 0n, abi }: { to: string; data: `0x${string}`; value?: bigint; abi?: Abi }): Promise<void> {
    await this.#prepareWith(abi, async ({ client, chainId, from, baseFeePerGas, minimumNonce, blockNumber }) => {
      const { prepareContractCall } = await import('../../lib/wallet/prepareContractCall.ts')
      return prepareContractCall({ client, chainId, from, to, data, value, abi, baseFeePerGas, minimumNonce, blockNumber })
    })
  }

  async #prepareWith(
    abi: Abi | undefined,
    build: (args: { client: VerifiedClient; chainId: number; from: Address; baseFeePerGas: bigint; minimumNonce: number; blockNumber: bigint }) => Promise<PreparedTransfer>,
  ): Promise<void> {
    this.#error = undefined
    const engine = this.#sync.engine
    const head = this.#sync.optimistic?.execution
    const from = this.#wallet.selected
    if (!engine || !head || !this.#sync.network) return this.#fail(new Error('Sending needs a verified head: wait until the light client is synced.'))
    if (!from || from.kind === 'watch') return this.#fail(new Error('This account is watch-only: it cannot sign.'))
    try {
      this.#sync.verifyHeadCurrent()
    } catch (error) {
      return this.#fail(error)
    }
    this.#phase = 'preparing'
    this.#resolvedName = undefined
    this.#offchainAcknowledged = false
    try {
      const pending = this.#activity.records.filter((r) => r.status === 'pending').map((r) => r.nonce + 1)
      const chainId = this.#sync.network.chainId
      this.#nonceEvidence = undefined
      // The account's confirmed nonce with its evidence, beside the build's own verified read: shown
      // under the review's nonce; its failure costs the disclosure, never the review.
      const address = from.address as Address
      const nonceRead = readWithEvidence({
        engine, method: 'eth_getTransactionCount', params: [address, numberToHex(head.number)],
        decode: (result) => hexToBigInt(result as Hex),
        claimOf: (nonce) => ({ kind: 'nonce', address, nonce: nonce.toString() }),
      }).catch(() => undefined)
      this.#prepared = await build({ client: engine.client, chainId, from: from.address, baseFeePerGas: head.baseFeePerGas, minimumNonce: Math.max(0, ...pending), blockNumber: head.number })
      this.#readAt = { block: head.number, timestamp: head.timestamp }
      const read = await nonceRead
      if (read) this.#nonceEvidence = { nonce: read.value, evidence: read.evidence }
      const tx = this.#prepared.transaction
      void this.preview.load({ engine, chainId, block: head.number, transaction: { from: from.address as `0x${string}`, to: tx.to!, value: tx.value ?? 0n, data: tx.data ?? '0x' }, abi })
      await this.#checkRecipient(this.#prepared.review.recipient)
      this.#phase = 'review'
    } catch (error) {
      this.#fail(error)
    }
  }

  async #checkRecipient(recipient: PreparedTransfer['review']['recipient']): Promise<void> {
    const { detectAddressPoisoning } = await import('../../lib/wallet/detectAddressPoisoning.ts')
    const accounts = this.#wallet.accounts.filter((a) => a.address.toLowerCase() !== this.#wallet.selected?.address.toLowerCase())
    this.#recipientCheck = detectAddressPoisoning({ recipient, contacts: this.#settings?.contacts ?? [], recipients: this.#settings?.recipients ?? [], accounts })
    this.#lookalikeAcknowledged = false
  }

  /** The most ETH that can be sent: the verified balance minus the largest fee of a plain transfer. */
  maxAmount(balance: bigint): bigint {
    const head = this.#sync.optimistic?.execution
    if (!head) return 0n
    const maxFee = 21000n * (2n * head.baseFeePerGas + 1_000_000_000n)
    return balance > maxFee ? balance - maxFee : 0n
  }

  back(): void {
    this.#phase = 'edit'
    this.#error = undefined
    this.#walletSend = undefined
  }

  async confirm(): Promise<void> {
    const prepared = this.#prepared
    const engine = this.#sync.engine
    const from = this.#wallet.selected
    if (!prepared || !engine || !from || this.signingBlocked) return
    this.#phase = 'sending'
    try {
      // The head may have stopped while the review was open: sign nothing built from a stale one.
      this.#sync.verifyHeadCurrent()
      const { sendTransfer } = await import('../../lib/wallet/sendTransfer.ts')
      const { review, transaction } = prepared
      const { hash } = await sendTransfer({
        client: engine.client,
        account: await this.#wallet.signingAccount(from),
        transaction,
        summary: summaryOf(review),
        activity: this.#activity.store,
      })
      this.#hash = hash
      // Best effort: the send is out; a failure to remember its recipient must not look like a failed send.
      await this.#settings?.recordRecipient(review.recipient).catch(() => undefined)
      this.#phase = 'pending'
      await this.#activity.load()
    } catch (error) {
      const e = error as { name?: string; method?: string }
      if (from.kind === 'external' && e?.name === 'ExternalSignerUnsupportedMethodError' && e.method === 'eth_signTransaction') {
        // Not a dead end: the review offers the wallet-broadcast path, labelled with what it trusts.
        this.#walletSend = { walletName: from.name }
        this.#phase = 'review'
        this.#error = undefined
        return
      }
      this.#fail(error)
    }
  }

  /**
   * The user chose to let the browser wallet sign and broadcast (eth_sendTransaction) the reviewed
   * transaction, with Latchkey's verified nonce, gas and fees; its hash is then followed to a
   * verified receipt, and the transaction under it is compared with the review (refreshActivity).
   */
  async confirmThroughWallet(): Promise<void> {
    const prepared = this.#prepared
    const engine = this.#sync.engine
    const from = this.#wallet.selected
    if (!prepared || !engine || !from || from.kind !== 'external' || !this.#walletSend || this.signingBlocked) return
    this.#phase = 'sending'
    try {
      this.#sync.verifyHeadCurrent()
      const { sendThroughWallet } = await import('../../lib/wallet/sendThroughWallet.ts')
      const { review, transaction } = prepared
      const { hash } = await sendThroughWallet({
        signer: await this.#wallet.externalSigner(from.address),
        transaction,
        summary: summaryOf(review),
        activity: this.#activity.store,
      })
      this.#hash = hash
      // Best effort: the send is out; a failure to remember its recipient must not look like a failed send.
      await this.#settings?.recordRecipient(review.recipient).catch(() => undefined)
      this.#broadcastByWallet = true
      this.#phase = 'pending'
      await this.#activity.load()
    } catch (error) {
      this.#fail(error)
    }
  }

  /** Follows the activity record (updated from verified receipts) until it settles. */
  follow(): void {
    if (this.#phase !== 'pending' || !this.#hash) return
    const record = this.#activity.get(this.#hash)
    if (!record) return
    if (record.walletCheck && !record.walletCheck.ok) {
      this.#phase = 'failed'
      this.#blockNumber = record.blockNumber
      this.#error = `${record.walletCheck.message} (included in block ${record.blockNumber}, receipt ${record.status === 'success' ? 'succeeded' : 'reverted'})`
    } else if (record.status === 'success') {
      this.#phase = 'success'
      this.#blockNumber = record.blockNumber
      this.#blockTimestamp = record.blockTimestamp
    } else if (record.status !== 'pending') {
      this.#phase = 'failed'
      this.#blockNumber = record.blockNumber
      this.#error = record.status === 'failed' ? 'The transaction was included but reverted (verified receipt).' : `The transaction was ${record.status}.`
    }
  }

  reset(): void {
    this.#phase = 'edit'
    this.#prepared = undefined
    this.#readAt = undefined
    this.#walletSend = undefined
    this.#recipientCheck = undefined
    this.#resolvedName = undefined
    this.#broadcastByWallet = false
    this.#hash = undefined
    this.#error = undefined
    this.#blockNumber = undefined
    this.#blockTimestamp = undefined
  }

  #fail(error: unknown): void {
    this.#phase = this.#prepared && this.#phase === 'sending' ? 'review' : 'edit'
    this.#error = errorText(error)
    this.#errorName = (error as Error)?.name
  }
}
