import type { Common } from '@ethereumjs/common'
import type { EVM } from '@ethereumjs/evm'
import { bytesToHex, hexToBigInt, hexToBytes } from 'viem'
import { BaseError } from '../errors.ts'
import { CallExecutionError } from './errors.ts'
import type { ProvenStateManager } from './ProvenStateManager.ts'
import type { EvmBlock } from './runCallAsTransaction.ts'
import type { Address, Hex, ProofFetcher, RpcBlockHeader } from './types.ts'

export type CallRequest = {
  from?: Address
  to?: Address | null
  gas?: bigint
  gasPrice?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
  value?: bigint
  data?: Hex
  accessList?: { address: Address; storageKeys: Hex[] }[]
  /** EIP-7702 signed authorizations: the call runs as a type-4 transaction that sets (or clears) their delegations. */
  authorizationList?: SignedAuthorization[]
}

/** One EIP-7702 authorization as viem's signAuthorization returns it (the authority is recovered from the signature). */
export type SignedAuthorization = { chainId: number; address: Address; nonce: number; r: Hex; s: Hex; yParity?: number; v?: bigint }

export type CreateVerifiedEvmParameters = {
  /** A header that has passed verifyBlockHeader: the call runs on top of its state. */
  header: RpcBlockHeader
  chainId: number
  /** EVM rules; default 'prague'. Mainnet and Sepolia follow their own schedule. */
  hardfork?: string
  fetchProofs: ProofFetcher
  /** Verified block hashes for BLOCKHASH (by number); without it BLOCKHASH fails the call. */
  getBlockHash?: (number: bigint) => Promise<Hex>
}

export type CallOutcome = {
  returnData: Hex
  /** Gas the transaction would use (intrinsic gas, refunds and the EIP-7623 floor included). */
  gasUsed: bigint
  /** The EVM error ('revert', 'out of gas'...) or undefined on success. */
  error: string | undefined
}

/**
 * What a run's inspector sees: the state right after the transaction, before it is reverted. Reads
 * of state the transaction did not touch are fetched with their proof like any other read.
 */
export type PostState = {
  logs: { address: Address; topics: Hex[]; data: Hex }[]
  /** Balance, nonce and code after the transaction (undefined: the account does not exist). */
  getAccount(address: Address): Promise<{ balance: bigint; nonce: bigint } | undefined>
  getCode(address: Address): Promise<Hex>
  /** A read-only call against the post-transaction state (e.g. a token's balanceOf). */
  staticCall(args: { to: Address; data: Hex }): Promise<{ returnData: Hex; error: string | undefined }>
}

export type RunArgs = {
  call: CallRequest
  gasLimit: bigint
  /** A transaction to be signed (a preview): its sender must be an externally owned account (EIP-3607), which eth_call does not ask. */
  signedTransaction?: boolean
  inspect?: (post: PostState) => Promise<void>
}

export type VerifiedEvm = {
  run(args: RunArgs): Promise<CallOutcome>
  state: ProvenStateManager
  /** Largest gas a call may use in this block. */
  gasCap: bigint
}

const ZERO: Address = '0x0000000000000000000000000000000000000000'

/** The EVM's modules (large: loaded on first use; a screen that must work offline loads them ahead). */
export const loadEvmModules = () => import('./evmModules.ts')

/**
 * Sets up an EVM (loaded lazily: @ethereumjs/evm is large) over proven state at a verified block.
 * Each run starts from the block's state: the run's writes are reverted afterwards, and proven
 * data stays, so one VerifiedEvm can serve many calls at the same block (runs are serialized).
 */
export async function createVerifiedEvm({ header, chainId, hardfork = 'prague', fetchProofs, getBlockHash }: CreateVerifiedEvmParameters): Promise<VerifiedEvm> {
  const { createCustomCommon, Mainnet, Sepolia, createEVM, ProvenStateManager, createAddressFromString, evmParams, blobBaseFee, runCallAsTransaction } = await loadEvmModules()
  const base = chainId === 11155111 ? Sepolia : Mainnet
  const common: Common = createCustomCommon({ chainId }, base, { hardfork })
  common.updateParams(evmParams)
  // Every block a light client can verify is post-merge, where forks are scheduled by timestamp
  // alone; the block number is left out so that a chain with mainnet's id but its own numbering
  // (the mainnet-shaped devnet) gets the same rules instead of a schedule conflict.
  if (chainId === 1 || chainId === 11155111) common.setHardforkBy({ timestamp: hexToBigInt(header.timestamp) })
  const state = new ProvenStateManager({ fetch: fetchProofs, common })
  const blockchain = {
    async getBlock(n: number) {
      if (!getBlockHash) throw new CallExecutionError({ reason: 'BLOCKHASH needs verified ancestors, and none are available' })
      const hash = hexToBytes(await getBlockHash(BigInt(n)))
      return { hash: () => hash }
    },
    async putBlock() {},
    shallowCopy() {
      return this
    },
  }
  const evm: EVM = await createEVM({ common, stateManager: state, blockchain })
  let depth = 0
  evm.events!.on('beforeMessage', () => {
    depth++
  })
  // The app build loads the BLS12-381 precompiles' library on first use (scripts/build/lazyEvmBls.ts):
  // a message to one of them waits for it (the EVM awaits two-argument listeners). If it cannot be
  // loaded, the precompile would read as a revert: the run is refused instead (throwIfBlsFailed).
  const bls = (evm as unknown as { _bls?: { load?: () => Promise<void> } })._bls
  let blsFailure: unknown
  if (bls?.load)
    // Two parameters: the EVM waits for `resume` (Function.length must stay 2).
    evm.events!.on('beforeMessage', (message, resume) => {
      // The code's address (a DELEGATECALL's target); a creation has none.
      const code = (message as unknown as { _codeAddress?: { bytes: Uint8Array } })._codeAddress ?? message.to
      if (!code || !isBlsPrecompile(code.bytes)) return resume!()
      bls.load!().then(resume, (cause) => {
        blsFailure ??= cause
        resume!()
      })
    })
  const throwIfBlsFailed = () => {
    const cause = blsFailure
    blsFailure = undefined
    if (cause) throw new CallExecutionError({ reason: 'the BLS12-381 precompiles could not be loaded', cause })
  }
  evm.events!.on('afterMessage', () => {
    if (--depth === 0) state.executionDone = true
  })
  const gasLimit = hexToBigInt(header.gasLimit)
  const gasCap = common.isActivatedEIP(7825) ? (gasLimit < 1n << 24n ? gasLimit : 1n << 24n) : gasLimit
  const excessBlobGas = header.excessBlobGas == null ? undefined : hexToBigInt(header.excessBlobGas)

  // What the EVM reads of the block (NUMBER, TIMESTAMP, COINBASE, PREVRANDAO, GASLIMIT, BASEFEE,
  // BLOBBASEFEE), all from the verified header.
  const makeBlock = (zeroBaseFee: boolean): EvmBlock => ({
    header: {
      number: hexToBigInt(header.number),
      coinbase: createAddressFromString(header.miner),
      timestamp: hexToBigInt(header.timestamp),
      difficulty: hexToBigInt(header.difficulty),
      prevRandao: hexToBytes(header.mixHash),
      gasLimit,
      // Like geth's eth_call: a call without a fee runs with base fee 0 (BASEFEE reads 0 too).
      baseFeePerGas: header.baseFeePerGas == null ? undefined : zeroBaseFee ? 0n : hexToBigInt(header.baseFeePerGas),
      getBlobGasPrice: () => (excessBlobGas === undefined ? undefined : blobBaseFee(common, excessBlobGas)),
    },
  })

  // Runs share one journaled state: they must not interleave.
  let queue: Promise<unknown> = Promise.resolve()
  const run = (args: RunArgs): Promise<CallOutcome> => {
    const next = queue.then(() => runOnce(args))
    queue = next.catch(() => {})
    return next
  }

  async function runOnce({ call, gasLimit: gas, signedTransaction = false, inspect }: RunArgs): Promise<CallOutcome> {
    const noFee = call.gasPrice === undefined && call.maxFeePerGas === undefined
    await state.checkpoint()
    depth = 0
    state.executionDone = false
    try {
      const { result, gasUsed } = await runCallAsTransaction({
        evm,
        block: makeBlock(noFee),
        chainId: BigInt(chainId),
        call,
        gasLimit: gas,
        skipSenderCheck: !signedTransaction,
      })
      throwIfBlsFailed()
      if (inspect) {
        // The inspector's reads happen after the top-level call: they must be proven again.
        state.executionDone = false
        await inspect(postState(result.execResult.logs ?? []))
      }
      return {
        returnData: bytesToHex(result.execResult.returnValue),
        gasUsed,
        error: result.execResult.exceptionError?.error,
      }
    } catch (cause) {
      // Proof and RPC failures from the state manager pass through unchanged.
      if (cause instanceof BaseError) throw cause
      throw new CallExecutionError({ reason: (cause as Error).message.split('\n')[0], cause })
    } finally {
      state.executionDone = false
      await state.revert()
    }
  }
  function postState(logs: [Uint8Array, Uint8Array[], Uint8Array][]): PostState {
    return {
      logs: logs.map(([address, topics, data]) => ({ address: bytesToHex(address), topics: topics.map((t) => bytesToHex(t)), data: bytesToHex(data) })),
      async getAccount(address) {
        const account = await state.getAccount(createAddressFromString(address))
        return account && { balance: account.balance, nonce: account.nonce }
      },
      async getCode(address) {
        return bytesToHex(await state.getCode(createAddressFromString(address)))
      },
      async staticCall({ to, data }) {
        state.executionDone = false
        const result = await evm.runCall({ caller: createAddressFromString(ZERO), to: createAddressFromString(to), data: hexToBytes(data), gasLimit: gasCap, isStatic: true })
        throwIfBlsFailed()
        state.executionDone = false
        return { returnData: bytesToHex(result.execResult.returnValue), error: result.execResult.exceptionError?.error }
      },
    }
  }
  return { run, state, gasCap }
}

// EIP-2537's precompiles: 0x0b to 0x11.
function isBlsPrecompile(address: Uint8Array): boolean {
  for (let i = 0; i < 19; i++) if (address[i] !== 0) return false
  return address[19]! >= 0x0b && address[19]! <= 0x11
}
