import type { EVM, EVMResult, EVMRunCallOpts } from '@ethereumjs/evm'
import { Account, type Address as EthAddress, KECCAK256_NULL, createAddressFromString, equalsBytes, hexToBytes } from '@ethereumjs/util'
import { applyAuthorizations } from './applyAuthorizations.ts'
import type { CallRequest } from './createVerifiedEvm.ts'
import { CallExecutionError } from './errors.ts'
import { transactionGas } from './transactionGas.ts'

/** What the EVM reads of the block (its own minimal Block type, not @ethereumjs/block's). */
export type EvmBlock = NonNullable<EVMRunCallOpts['block']>

export type RunCallAsTransactionParameters = {
  evm: EVM
  block: EvmBlock
  chainId: bigint
  call: CallRequest
  gasLimit: bigint
  /** EIP-3607 (no transaction from an account with code) is a rule for signed transactions; eth_call skips it like geth. */
  skipSenderCheck: boolean
}
export type RunCallAsTransactionReturnType = {
  result: EVMResult
  /** Gas the transaction pays: intrinsic and execution gas, less the capped refund, at least the EIP-7623 floor. */
  gasUsed: bigint
}

const ZERO: `0x${string}` = '0x0000000000000000000000000000000000000000'
// EIPs whose transaction-level rules (Glamsterdam drafts) this runner does not implement, and EOF
// (EIP-3540), which the app build leaves out of the EVM (scripts/build/noEvmEof.ts): refuse, never guess.
const UNIMPLEMENTED_EIPS = [2780, 3540, 7708, 7864, 7928, 7976, 7981, 8037, 8246]

/**
 * One call run with a transaction's rules over the EVM's state, as @ethereumjs/vm's runTx does up to
 * Osaka (EIP-1559 fees, EIP-2929/2930 warm sets, EIP-3651 warm coinbase, EIP-3529 refund cap,
 * EIP-6780 self-destruct, EIP-7623 floor, EIP-7702 authorizations), without a signed transaction
 * or a block object: the sender is the caller's claim and its nonce is not checked (eth_call).
 * The sender must afford the value (and, with a fee, the gas at the maximum fee), as on geth and anvil.
 * Written against @ethereumjs/evm alone so that the local EVM does not load @ethereumjs/vm, block
 * and tx (a third of its size) for this one function. The caller reverts the state afterwards.
 */
export async function runCallAsTransaction({ evm, block, chainId, call, gasLimit, skipSenderCheck }: RunCallAsTransactionParameters): Promise<RunCallAsTransactionReturnType> {
  const { common, journal, stateManager } = evm
  const unimplemented = UNIMPLEMENTED_EIPS.find((eip) => common.isActivatedEIP(eip))
  if (unimplemented) throw new CallExecutionError({ reason: `the local EVM does not implement EIP-${unimplemented} (hardfork ${common.hardfork()})` })
  const caller = createAddressFromString(call.from ?? ZERO)
  const to = call.to ? createAddressFromString(call.to) : undefined
  const value = call.value ?? 0n
  const data = hexToBytes(call.data ?? '0x')
  const accessList = call.accessList ?? []
  const authorizations = call.authorizationList ?? []
  if (value < 0n) throw new CallExecutionError({ reason: `value cannot be negative (${value})` })
  if (authorizations.length > 0 && !to) throw new CallExecutionError({ reason: 'a transaction with authorizations cannot create a contract' })
  if (authorizations.length > 0 && !common.isActivatedEIP(7702)) throw new CallExecutionError({ reason: 'authorizations need EIP-7702 (Prague)' })
  if (common.isActivatedEIP(7825) && gasLimit > common.param('maxTransactionGasLimit'))
    throw new CallExecutionError({ reason: `the gas limit ${gasLimit} exceeds EIP-7825's cap of ${common.param('maxTransactionGasLimit')}` })
  if (!to && common.isActivatedEIP(3860) && BigInt(data.length) > common.param('maxInitCodeSize'))
    throw new CallExecutionError({ reason: `the initcode (${data.length} bytes) exceeds EIP-3860's limit of ${common.param('maxInitCodeSize')}` })
  // A type-2 or type-4 transaction pays EIP-1559 fees; a type-0 or type-1 one a gas price.
  const feeMarket = call.maxFeePerGas !== undefined || authorizations.length > 0
  const maxFeePerGas = feeMarket ? (call.maxFeePerGas ?? call.gasPrice ?? 0n) : (call.gasPrice ?? 0n)
  const baseFee = block.header.baseFeePerGas ?? 0n

  await journal.cleanup()
  await journal.checkpoint()
  try {
    for (const { address, storageKeys } of accessList) {
      const key = address.toLowerCase().slice(2)
      journal.addAlwaysWarmAddress(key, true)
      for (const slot of storageKeys) journal.addAlwaysWarmSlot(key, slot.toLowerCase().slice(2).padStart(64, '0'), true)
    }
    for (const [address] of evm.precompiles) journal.addAlwaysWarmAddress(address)
    journal.addAlwaysWarmAddress(caller.toString())
    if (to) journal.addAlwaysWarmAddress(to.toString())
    if (common.isActivatedEIP(3651)) journal.addAlwaysWarmAddress(block.header.coinbase.toString())

    const { intrinsic, floor } = transactionGas({ common, data, isCreate: !to, accessList, authorizations: authorizations.length })
    const minimum = intrinsic > floor ? intrinsic : floor
    if (gasLimit < minimum) throw new CallExecutionError({ reason: `intrinsic gas too low: the gas limit ${gasLimit} is below the minimum of ${minimum}` })
    if (maxFeePerGas < baseFee) throw new CallExecutionError({ reason: `the fee per gas (${maxFeePerGas}) is below the block's base fee (${baseFee})` })
    const priorityFee = feeMarket ? min(call.maxPriorityFeePerGas ?? 0n, maxFeePerGas - baseFee) : maxFeePerGas - baseFee
    const gasPrice = baseFee + priorityFee

    const sender = (await stateManager.getAccount(caller)) ?? new Account()
    if (!skipSenderCheck && !equalsBytes(sender.codeHash, KECCAK256_NULL) && !isDelegation(await stateManager.getCode(caller)))
      throw new CallExecutionError({ reason: `the sender ${caller} has code: it is not an externally owned account (EIP-3607)` })
    const upfront = gasLimit * gasPrice + value
    const maxCost = feeMarket ? gasLimit * maxFeePerGas + value : upfront
    const needed = upfront > maxCost ? upfront : maxCost
    // Checked for eth_call too, as geth and anvil do (without a fee, the gas costs nothing: only the value counts).
    if (sender.balance < needed) throw new CallExecutionError({ reason: `insufficient funds: the sender ${caller} cannot pay ${needed} wei (value and gas), it holds ${sender.balance}` })
    sender.balance -= gasLimit * gasPrice
    sender.nonce++
    await journal.putAccount(caller, sender)

    // The authorizations' writes stay even if the call reverts (they are outside its checkpoint).
    const authorizationRefund = authorizations.length ? await applyAuthorizations({ evm, authorizations, chainId }) : 0n
    const result = await evm.runCall({ block, gasPrice, caller, origin: caller, gasLimit: gasLimit - intrinsic, to, value, data, skipNonceIncrement: true })

    let gasUsed = result.execResult.executionGasUsed + intrinsic
    const refund = authorizationRefund + (result.execResult.gasRefund ?? 0n)
    const maxRefund = gasUsed / common.param('maxRefundQuotient')
    gasUsed -= refund < maxRefund ? refund : maxRefund
    if (gasUsed < floor) gasUsed = floor

    const after = (await stateManager.getAccount(caller)) ?? new Account()
    after.balance += (gasLimit - gasUsed) * gasPrice
    await journal.putAccount(caller, after)
    await payCoinbase(evm, block.header.coinbase, gasUsed * priorityFee)
    for (const [address] of result.execResult.selfdestruct ?? []) {
      // EIP-6780: only an account created in the same transaction is deleted.
      if (common.isActivatedEIP(6780) && !result.execResult.createdAddresses?.has(address)) continue
      await journal.deleteAccount(createAddressFromString(address))
    }
    await journal.cleanup()
    await journal.commit()
    return { result, gasUsed }
  } catch (error) {
    await journal.revert()
    throw error
  } finally {
    if (common.isActivatedEIP(2929)) journal.cleanJournal()
    stateManager.originalStorageCache.clear()
  }
}

async function payCoinbase(evm: EVM, coinbase: EthAddress, fee: bigint) {
  const account = (await evm.stateManager.getAccount(coinbase)) ?? new Account()
  account.balance += fee
  // Written even when the fee is 0: the coinbase is touched (and, if empty, removed by EIP-161).
  await evm.journal.putAccount(coinbase, account)
}

const min = (a: bigint, b: bigint) => (a < b ? a : b)
const isDelegation = (code: Uint8Array) => code[0] === 0xef && code[1] === 0x01 && code[2] === 0x00
