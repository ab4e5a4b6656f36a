import { http, type Address, type Hex, createPublicClient, createWalletClient, encodeFunctionData, erc20Abi, getAddress, parseAbi, parseEther, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Deployed, deployContract } from '../../../scripts/contracts/deployContract.ts'
import { PreviewNotProvenError } from '../../../src/lib/execution/errors.ts'
import { delegationOf } from '../../../src/lib/execution/previewTransaction.ts'
import { createRpcClient } from '../../../src/lib/rpc/createRpcClient.ts'
import { getTransactionPreview } from '../../../src/lib/rpc/getTransactionPreview.ts'
import { anvilHeaderSource } from '../rpc/anvilHeaderSource.ts'
import { startTamperingProxy } from '../rpc/tamperingProxy.ts'
import { flipByte } from './fixtures.ts'
import { type Anvil, startAnvil, waitForReceipt } from './startAnvil.ts'

// The preview against contracts compiled from scripts/contracts/sources (OpenZeppelin 5): each
// preview is then compared with what anvil does when the same transaction is sent for real.
const ALICE = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80') // dev account 0: deploys
const DELEGATOR = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8719d9d8a2e0ca3ee8')
const BOB = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')
const SPENDER = getAddress('0x000000000000000000000000000000000000bEEF')
const swapAbi = parseAbi(['function swap(uint256 amountIn) payable returns (uint256)'])

let anvil: Anvil
let proxy: Awaited<ReturnType<typeof startTamperingProxy>>
let tokenA: Deployed
let tokenB: Deployed
let swap: Deployed
let reverter: Deployed
let weth: Deployed
const wallet = (account = ALICE) => createWalletClient({ account, chain: foundry, transport: http(anvil.url) })
const plain = () => createPublicClient({ chain: foundry, transport: http(anvil.url) })
const balance = (token: Deployed, holder: Address) => plain().readContract({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [holder] })
const lower = (a: string) => a.toLowerCase() as Address

beforeAll(async () => {
  anvil = await startAnvil({ args: ['--hardfork', 'prague'] })
  proxy = await startTamperingProxy({ upstream: anvil.url })
  const deploy = (file: string, contract: string, args?: readonly unknown[]) => deployContract({ rpcUrl: anvil.url, file, contract, args })
  tokenA = await deploy('TestTokens.sol', 'TestToken', ['Token A', 'TKA', 18, parseEther('1000000')])
  tokenB = await deploy('TestTokens.sol', 'TestToken', ['Token B', 'TKB', 18, parseEther('1000000')])
  swap = await deploy('RescueTargets.sol', 'TestSwap', [tokenA.address, tokenB.address])
  reverter = await deploy('RescueTargets.sol', 'TestReverter')
  weth = await deploy('RescueTargets.sol', 'TestWeth')
  for (const call of [
    { to: tokenB.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [swap.address, parseEther('5000')] }) },
    { to: tokenA.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [swap.address, parseEther('1000')] }) },
  ])
    await waitForReceipt(anvil.url, await wallet().sendTransaction(call))
}, 120_000)
afterAll(async () => {
  await proxy?.stop()
  await anvil?.stop()
})

const preview = (transaction: Parameters<typeof getTransactionPreview>[0]['transaction']) =>
  getTransactionPreview({ headers: anvilHeaderSource({ url: anvil.url }), client: createRpcClient({ urls: [proxy.url] }), chainId: foundry.id, transaction })

/** Sends the transaction for real: the receipt, and the sender's ETH change without the fee. */
async function sendForReal(tx: { to: Address; value?: bigint; data?: Hex }, account = ALICE) {
  const ethBefore = await plain().getBalance({ address: account.address })
  const receipt = await waitForReceipt(anvil.url, await wallet(account).sendTransaction(tx))
  const fee = BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice)
  return { receipt, ethDeltaWithoutFee: (await plain().getBalance({ address: account.address })) - ethBefore + fee }
}
const receiptLogs = (receipt: any) => receipt.logs.map((l: any) => ({ address: l.address, topics: l.topics, data: l.data }))

describe('the balance-change preview over proven state, against OpenZeppelin contracts on anvil', () => {
  it('an ETH transfer: both balances, and the gas anvil then uses', async () => {
    const bobBefore = await plain().getBalance({ address: BOB })
    const p = await preview({ from: ALICE.address, to: BOB, value: parseEther('1.5') })
    expect(p.reverted).toBe(false)
    expect(p.changes.find((c) => c.address === lower(BOB))).toEqual({ address: lower(BOB), asset: 'ETH', before: bobBefore, after: bobBefore + parseEther('1.5'), delta: parseEther('1.5') })
    expect(p.changes.find((c) => c.address === lower(ALICE.address))?.delta).toBe(-parseEther('1.5'))
    const real = await sendForReal({ to: BOB, value: parseEther('1.5') })
    expect(real.ethDeltaWithoutFee).toBe(-parseEther('1.5'))
    expect(BigInt(real.receipt.gasUsed)).toBe(p.gasUsed)
  })

  it('an ERC-20 transfer: the Transfer log and both token balances, exactly as anvil', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 1200n] })
    const [aliceBefore, bobBefore] = [await balance(tokenA, ALICE.address), await balance(tokenA, BOB)]
    const p = await preview({ from: ALICE.address, to: tokenA.address, data })
    expect(p.changes).toEqual([
      { address: lower(ALICE.address), asset: lower(tokenA.address), before: aliceBefore, after: aliceBefore - 1200n, delta: -1200n },
      { address: lower(BOB), asset: lower(tokenA.address), before: bobBefore, after: bobBefore + 1200n, delta: 1200n },
    ])
    const real = await sendForReal({ to: tokenA.address, data })
    expect(receiptLogs(real.receipt)).toEqual(p.logs)
    expect([await balance(tokenA, ALICE.address), await balance(tokenA, BOB)]).toEqual([aliceBefore - 1200n, bobBefore + 1200n])
    expect(BigInt(real.receipt.gasUsed)).toBe(p.gasUsed)
  })

  it('an approve: the approval granted, no balance change', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [SPENDER, 2n ** 256n - 1n] })
    const p = await preview({ from: ALICE.address, to: tokenA.address, data })
    expect(p.approvals).toEqual([{ token: lower(tokenA.address), owner: lower(ALICE.address), spender: lower(SPENDER), value: 2n ** 256n - 1n }])
    expect(p.changes).toEqual([])
    expect(receiptLogs((await sendForReal({ to: tokenA.address, data })).receipt)).toEqual(p.logs)
  })

  it('a swap-like call moving two tokens (transferFrom in, transfer out), as anvil then executes it', async () => {
    const data = encodeFunctionData({ abi: swapAbi, functionName: 'swap', args: [100n] })
    const [a, b] = [await balance(tokenA, ALICE.address), await balance(tokenB, ALICE.address)]
    const p = await preview({ from: ALICE.address, to: swap.address, data })
    expect(p.reverted).toBe(false)
    const rows = p.changes.map((c) => [c.address, c.asset, c.delta])
    expect(rows).toEqual(expect.arrayContaining([
      [lower(ALICE.address), lower(tokenA.address), -100n], [lower(swap.address), lower(tokenA.address), 100n],
      [lower(swap.address), lower(tokenB.address), -200n], [lower(ALICE.address), lower(tokenB.address), 200n],
    ]))
    expect(rows).toHaveLength(4)
    const real = await sendForReal({ to: swap.address, data })
    expect(real.receipt.status).toBe('0x1')
    expect(receiptLogs(real.receipt)).toEqual(p.logs)
    expect([await balance(tokenA, ALICE.address), await balance(tokenB, ALICE.address)]).toEqual([a - 100n, b + 200n])
    expect(BigInt(real.receipt.gasUsed)).toBe(p.gasUsed)
  })

  it('a WETH unwrap: tokens burnt and ETH paid back to the caller', async () => {
    await sendForReal({ to: weth.address, value: parseEther('1') })
    const data = encodeFunctionData({ abi: parseAbi(['function withdraw(uint256)']), functionName: 'withdraw', args: [parseEther('0.4')] })
    const p = await preview({ from: ALICE.address, to: weth.address, data })
    expect(p.changes.map((c) => [c.address, c.asset, c.delta])).toEqual(expect.arrayContaining([[lower(ALICE.address), 'ETH', parseEther('0.4')], [lower(weth.address), 'ETH', -parseEther('0.4')], [lower(ALICE.address), lower(weth.address), -parseEther('0.4')]]))
    expect((await sendForReal({ to: weth.address, data })).ethDeltaWithoutFee).toBe(parseEther('0.4'))
  })

  it('a reverting call: its reason (require message, OpenZeppelin custom error) and no changes; anvil reverts too', async () => {
    const set = encodeFunctionData({ abi: reverter.abi, functionName: 'set', args: [150n] })
    const p = await preview({ from: ALICE.address, to: reverter.address, data: set })
    expect(p.reverted).toMatchObject({ reason: 'value must be below 100' })
    expect(p.changes).toEqual([])
    expect((await waitForReceipt(anvil.url, await wallet().sendTransaction({ to: reverter.address, data: set, gas: 100_000n }))).status).toBe('0x0')
    const tooMuch = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, parseEther('2000000')] })
    const q = await preview({ from: ALICE.address, to: tokenA.address, data: tooMuch })
    expect(q.reverted && q.reverted.reason).toMatch(new RegExp(`^ERC20InsufficientBalance\\(sender: ${ALICE.address}, balance: \\d+, needed: ${parseEther('2000000')}\\)$`))
  })

  it('a delegation set by an EIP-7702 transaction: previewed as a change, then seen on anvil, then shown as in force, then cleared', async () => {
    await waitForReceipt(anvil.url, await wallet().sendTransaction({ to: DELEGATOR.address, value: parseEther('5') }))
    const delegator = wallet(DELEGATOR)
    const authorization = await delegator.signAuthorization({ contractAddress: weth.address, executor: 'self' })
    const p = await preview({ from: DELEGATOR.address, to: DELEGATOR.address, data: '0x', authorizationList: [authorization] })
    expect(p.reverted).toBe(false)
    expect(p.delegationChanges).toEqual([{ address: lower(DELEGATOR.address), before: undefined, after: lower(weth.address) }])
    expect(p.delegations).toEqual([{ address: lower(DELEGATOR.address), delegate: lower(weth.address), when: 'after' }])
    const receipt = await waitForReceipt(anvil.url, await delegator.sendTransaction({ to: DELEGATOR.address, authorizationList: [authorization] }))
    expect(receipt.status).toBe('0x1')
    expect(BigInt(receipt.gasUsed)).toBe(p.gasUsed)
    expect(delegationOf((await plain().getCode({ address: DELEGATOR.address }))!)).toBe(lower(weth.address))

    // In force: a plain call to the account runs the delegate's code (WETH's deposit, in the delegator's storage).
    const q = await preview({ from: ALICE.address, to: DELEGATOR.address, value: parseEther('0.1') })
    expect(q.delegations).toEqual([{ address: lower(DELEGATOR.address), delegate: lower(weth.address), when: 'before' }])
    expect(q.delegationChanges).toEqual([])
    expect(q.changes.map((c) => [c.address, c.asset, c.delta])).toEqual(expect.arrayContaining([[lower(ALICE.address), lower(DELEGATOR.address), parseEther('0.1')]]))

    // Cleared (delegation to the zero address), even when the call itself reverts.
    const clear = await delegator.signAuthorization({ contractAddress: zeroAddress, executor: 'self' })
    const r = await preview({ from: DELEGATOR.address, to: reverter.address, data: encodeFunctionData({ abi: reverter.abi, functionName: 'set', args: [500n] }), authorizationList: [clear] })
    expect(r.reverted).toMatchObject({ reason: 'value must be below 100' })
    expect(r.delegationChanges).toEqual([{ address: lower(DELEGATOR.address), before: lower(weth.address), after: undefined }])
  })

  it('a liar RPC cannot change a preview: tampered proofs are refused (PreviewNotProvenError) and no preview is shown', async () => {
    const data = encodeFunctionData({ abi: swapAbi, functionName: 'swap', args: [1n] })
    for (const tamper of [
      (r: any) => ({ ...r, storageProof: r.storageProof.map((s: any) => ({ ...s, value: '0xffffff' })) }),
      (r: any) => ({ ...r, balance: '0xffffffffffffffffffff' }),
      (r: any) => ({ ...r, accountProof: r.accountProof.map((n: string, i: number) => (i === 0 ? flipByte(n, 10) : n)) }),
    ]) {
      proxy.state.tamper = (method, _params, result) => (method === 'eth_getProof' ? tamper(result) : result)
      try {
        const error = await preview({ from: ALICE.address, to: swap.address, data }).catch((e) => e)
        expect(error).toBeInstanceOf(PreviewNotProvenError)
        expect(error.errors[0].name).toBe('AllProvidersFailedError')
        expect(error.errors[0].errors[0].name).toMatch(/^(AccountProofMismatchError|StorageValueMismatchError|InvalidAccountProofError)$/)
      } finally {
        proxy.state.tamper = undefined
      }
    }
    // An honest answer again gives the real preview.
    expect((await preview({ from: ALICE.address, to: swap.address, data })).changes).toHaveLength(4)
  })
})
