import { type Abi, decodeErrorResult, encodeFunctionData, hexToBigInt, keccak256, parseAbi, stringToHex } from 'viem'
import { formatAbiValue } from '../contract/decodeCalldata.ts'
import { standardErrorsAbi } from '../contract/knownAbis.ts'
import { type CallRequest, type PostState, type VerifiedEvm, createVerifiedEvm } from './createVerifiedEvm.ts'
import { CallExecutionError, PreviewNotProvenError } from './errors.ts'
import { type RunVerifiedCallParameters, prefetchRequests } from './runVerifiedCall.ts'
import type { Address, Hex } from './types.ts'

export type PreviewTransactionParameters = Omit<RunVerifiedCallParameters, 'call' | 'evm'> & {
  /** The transaction as it would be signed; `from` is required (whose balances change). */
  transaction: CallRequest & { from: Address }
  /** An EVM already set up at this block (its proven state is reused). */
  evm?: VerifiedEvm
  /** The user's ABI for the called contract: its custom errors decode a revert's reason. */
  abi?: Abi
}

/** One balance that the transaction changes; `asset` is 'ETH' or the token's address. Base units. */
export type BalanceChange = { address: Address; asset: 'ETH' | Address; before: bigint; after: bigint; delta: bigint }
/** An approval the transaction grants: ERC-20 `value`, ERC-721 `tokenId`, or an operator `approved` for all. */
export type ApprovalChange = { token: Address; owner: Address; spender: Address } & ({ value: bigint } | { tokenId: bigint } | { approvedForAll: boolean })
/** An EIP-7702 delegation in force on an account (verified code 0xef0100 ‖ address). */
export type Delegation = { address: Address; delegate: Address; when: 'before' | 'after' }
/** An account whose EIP-7702 delegation the transaction would set, change or clear (a type-4 transaction's authorizations). */
export type DelegationChange = { address: Address; before: Address | undefined; after: Address | undefined }

export type PreviewTransactionReturnType = {
  reverted: false | { reason: string; data: Hex }
  changes: BalanceChange[]
  approvals: ApprovalChange[]
  delegations: Delegation[]
  /** Delegations that differ after the transaction: the review warns about each. */
  delegationChanges: DelegationChange[]
  logs: { address: Address; topics: Hex[]; data: Hex }[]
  /** Gas the transaction uses; fees are not in `changes` (the preview runs at gas price 0). */
  gasUsed: bigint
  missFetches: number
}

const topic = (signature: string) => keccak256(stringToHex(signature))
const TRANSFER = topic('Transfer(address,address,uint256)')
const APPROVAL = topic('Approval(address,address,uint256)')
const APPROVAL_FOR_ALL = topic('ApprovalForAll(address,address,bool)')
const ZERO: Address = '0x0000000000000000000000000000000000000000'
const balanceOfAbi = parseAbi(['function balanceOf(address) view returns (uint256)'])

/**
 * The balance-change preview of a transaction before it is signed: it runs in the local EVM over
 * state proven at the verified block (the access-list hint only saves round trips). ETH changes
 * come from the proven balance of every account the run touched, before and after; token changes
 * from the Transfer logs, each holder's balanceOf read before and after over the same proven state.
 * Anything that cannot be proven throws PreviewNotProvenError: there is no partial preview.
 */
export async function previewTransaction(parameters: PreviewTransactionParameters): Promise<PreviewTransactionReturnType> {
  const { transaction } = parameters
  try {
    const evm = parameters.evm ?? (await createVerifiedEvm(parameters))
    const missesBefore = evm.state.missFetches
    await evm.state.prefetch(prefetchRequests({ call: transaction, accessListHint: parameters.accessListHint }))
    // The accounts whose delegation is shown: sender, recipient and every authority a type-4 transaction names.
    const watched = [...new Set([transaction.from, ...(transaction.to ? [transaction.to] : []), ...(await authoritiesOf(transaction))].map((a) => a.toLowerCase() as Address))]
    const delegations: Delegation[] = []
    for (const address of watched) {
      const delegate = delegationOf(await evm.state.getCode(await toEthAddress(address)).then(toHex))
      if (delegate) delegations.push({ address, delegate, when: 'before' })
    }
    const before = new Map<string, bigint>()
    let after: Awaited<ReturnType<typeof inspectAfter>> | undefined
    const outcome = await evm.run({
      call: transaction,
      gasLimit: transaction.gas ?? evm.gasCap,
      signedTransaction: true,
      inspect: async (post) => {
        after = await inspectAfter({ post, watched, provenBefore: () => evm.state.provenBalances() })
      },
    })
    if (!after) throw new CallExecutionError({ reason: 'the run ended without its post-state' })
    for (const [key, token, holder] of after.holders) before.set(key, await balanceAt(evm, token, holder))
    const changes: BalanceChange[] = [...after.eth]
    for (const [key, token, holder] of after.holders) {
      const [b, a] = [before.get(key)!, after.tokenBalances.get(key)!]
      if (a !== b) changes.push({ address: holder, asset: token, before: b, after: a, delta: a - b })
    }
    // Even when the call reverts: EIP-7702 authorizations are applied before execution and stay.
    const delegationChanges: DelegationChange[] = watched
          .map((address) => ({ address, before: delegations.find((d) => d.address === address)?.delegate, after: after!.delegations.find((d) => d.address === address)?.delegate }))
          .filter((c) => c.before !== c.after)
    for (const d of after.delegations) if (!delegations.some((x) => x.address === d.address && x.delegate === d.delegate)) delegations.push(d)
    return {
      reverted: outcome.error ? { reason: revertReason(outcome.error, outcome.returnData, parameters.abi), data: outcome.returnData } : false,
      changes: outcome.error ? [] : changes,
      approvals: outcome.error ? [] : approvalsOf(after.logs),
      delegations,
      delegationChanges,
      logs: outcome.error ? [] : after.logs,
      gasUsed: outcome.gasUsed,
      missFetches: evm.state.missFetches - missesBefore,
    }
  } catch (error) {
    if (error instanceof CallExecutionError || error instanceof PreviewNotProvenError) throw error
    throw new PreviewNotProvenError({ cause: error })
  }
}

async function inspectAfter({ post, watched, provenBefore }: { post: PostState; watched: Address[]; provenBefore: () => Map<Address, bigint> }) {
  // Every account the run read was proven first, so the proven set covers every touched account.
  const eth: BalanceChange[] = []
  for (const [address, balance] of provenBefore()) {
    const now = (await post.getAccount(address))?.balance ?? 0n
    if (now !== balance) eth.push({ address, asset: 'ETH', before: balance, after: now, delta: now - balance })
  }
  const holders: [string, Address, Address][] = []
  for (const log of post.logs) {
    if (log.topics[0] !== TRANSFER || log.topics.length < 3) continue
    for (const t of [log.topics[1], log.topics[2]]) {
      const holder = topicAddress(t)
      const key = `${log.address.toLowerCase()}_${holder}`
      if (holder !== ZERO && !holders.some(([k]) => k === key)) holders.push([key, log.address.toLowerCase() as Address, holder])
    }
  }
  const tokenBalances = new Map<string, bigint>()
  for (const [key, token, holder] of holders) tokenBalances.set(key, await readBalance(post.staticCall, token, holder))
  const delegations: Delegation[] = []
  for (const address of watched) {
    const delegate = delegationOf(await post.getCode(address))
    if (delegate) delegations.push({ address, delegate, when: 'after' })
  }
  return { eth, holders, tokenBalances, delegations, logs: post.logs }
}

async function balanceAt(evm: VerifiedEvm, token: Address, holder: Address): Promise<bigint> {
  // A token with no code before the transaction (deployed by it, or an account it delegates) held nothing.
  if ((await evm.state.getCode(await toEthAddress(token))).length === 0) return 0n
  let value: bigint | undefined
  // A call to the zero address (no code) leaves the block's state as it is; the read runs on top.
  await evm.run({
    call: { to: ZERO, data: '0x' },
    gasLimit: evm.gasCap,
    inspect: async (post) => {
      value = await readBalance(post.staticCall, token, holder)
    },
  })
  return value!
}

async function readBalance(staticCall: PostState['staticCall'], token: Address, holder: Address): Promise<bigint> {
  const { returnData, error } = await staticCall({ to: token, data: encodeFunctionData({ abi: balanceOfAbi, args: [holder] }) })
  if (error || returnData.length < 66) throw new CallExecutionError({ reason: `balanceOf(${holder}) on token ${token} failed, so its balance change cannot be shown` })
  return hexToBigInt(returnData.slice(0, 66) as Hex)
}

function approvalsOf(logs: PostState['logs']): ApprovalChange[] {
  const approvals: ApprovalChange[] = []
  for (const log of logs) {
    const [t0, owner, spender, id] = log.topics
    if (!owner || !spender) continue
    const base = { token: log.address.toLowerCase() as Address, owner: topicAddress(owner), spender: topicAddress(spender) }
    if (t0 === APPROVAL && id) approvals.push({ ...base, tokenId: hexToBigInt(id) })
    else if (t0 === APPROVAL && log.data.length >= 66) approvals.push({ ...base, value: hexToBigInt(log.data.slice(0, 66) as Hex) })
    else if (t0 === APPROVAL_FOR_ALL && log.data.length >= 66) approvals.push({ ...base, approvedForAll: hexToBigInt(log.data.slice(0, 66) as Hex) !== 0n })
  }
  return approvals
}

/** EIP-7702: a delegated account's code is exactly 0xef0100 followed by the delegate's address. */
export function delegationOf(code: Hex): Address | undefined {
  return code.length === 48 && code.toLowerCase().startsWith('0xef0100') ? (`0x${code.slice(8).toLowerCase()}` as Address) : undefined
}

/**
 * Error(string) and Panic(uint256) decoded, and custom errors of the standards (OpenZeppelin's
 * ERC-20/721 errors) or of the user's ABI by name and arguments; any other custom error is named
 * by its selector with the EVM's error.
 */
export function revertReason(error: string, data: Hex, abi?: Abi): string {
  if (data === '0x') return error
  try {
    const decoded = decodeErrorResult({ abi: [...(abi ?? []).filter((x) => x.type === 'error'), ...standardErrorsAbi], data })
    if (decoded.errorName === 'Panic') return `panic ${String(decoded.args?.[0])}`
    if (decoded.errorName === 'Error') return String(decoded.args?.[0])
    const inputs = decoded.abiItem.inputs
    return `${decoded.errorName}(${(decoded.args ?? []).map((v, i) => `${inputs[i]?.name ? `${inputs[i].name}: ` : ''}${formatAbiValue(v)}`).join(', ')})`
  } catch {
    return `${error} (custom error ${data.slice(0, 10)})`
  }
}

/** The authorities of a type-4 transaction's authorizations; loaded only for one that has them. */
async function authoritiesOf(transaction: CallRequest): Promise<Address[]> {
  if (!transaction.authorizationList?.length) return []
  return (await import('./recoverAuthorities.ts')).recoverAuthorities(transaction.authorizationList)
}

const topicAddress = (t: Hex) => `0x${t.slice(26)}`.toLowerCase() as Address
const toHex = (bytes: Uint8Array) => `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}` as Hex
const toEthAddress = async (address: Address) => (await import('@ethereumjs/util')).createAddressFromString(address)
