import { http, type Hex, createPublicClient, createWalletClient, encodeFunctionData, erc20Abi, parseEther, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PreviewNotProvenError } from '../../../src/lib/execution/errors.ts'
import { delegationOf } from '../../../src/lib/execution/previewTransaction.ts'
import { createRpcClient } from '../../../src/lib/rpc/createRpcClient.ts'
import { getTransactionPreview } from '../../../src/lib/rpc/getTransactionPreview.ts'
import { anvilHeaderSource } from '../rpc/anvilHeaderSource.ts'
import { startTamperingProxy } from '../rpc/tamperingProxy.ts'
import { PREVIEW_TOKEN_RUNTIME, REVERT_REASON, swapRuntime } from './previewToken.ts'
import { type Anvil, rpc, startAnvil, waitForReceipt } from './startAnvil.ts'
import { flipByte } from './fixtures.ts'

const ALICE = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const DELEGATOR = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8719d9d8a2e0ca3ee8')
const BOB = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const TOKEN = '0x00000000000000000000000000000000000c0de1'
const SPENDER = '0x000000000000000000000000000000000000beef'
const TOKEN_B = '0x00000000000000000000000000000000000c0de2'
const SWAP = '0x0000000000000000000000000000000000005a9a'

let anvil: Anvil
let proxy: Awaited<ReturnType<typeof startTamperingProxy>>
const wallet = () => createWalletClient({ account: ALICE, chain: foundry, transport: http(anvil.url) })
const plain = () => createPublicClient({ chain: foundry, transport: http(anvil.url) })
const slotOf = (holder: string) => toHex(BigInt(holder), { size: 32 })

beforeAll(async () => {
  anvil = await startAnvil({ args: ['--hardfork', 'prague'] })
  proxy = await startTamperingProxy({ upstream: anvil.url })
  await rpc(anvil.url, 'anvil_setCode', [TOKEN, PREVIEW_TOKEN_RUNTIME])
  await rpc(anvil.url, 'anvil_setStorageAt', [TOKEN, slotOf(ALICE.address), toHex(5000n, { size: 32 })])
  await rpc(anvil.url, 'anvil_setCode', [TOKEN_B, PREVIEW_TOKEN_RUNTIME])
  await rpc(anvil.url, 'anvil_setCode', [SWAP, swapRuntime({ tokenA: TOKEN, tokenB: TOKEN_B })])
  for (const token of [TOKEN, TOKEN_B]) await rpc(anvil.url, 'anvil_setStorageAt', [token, slotOf(SWAP), toHex(1000n, { size: 32 })])
  await rpc(anvil.url, 'evm_mine', [])
})
afterAll(async () => {
  await proxy?.stop()
  await anvil?.stop()
})

const preview = (transaction: Parameters<typeof getTransactionPreview>[0]['transaction']) =>
  getTransactionPreview({ headers: anvilHeaderSource({ url: anvil.url }), client: createRpcClient({ urls: [proxy.url] }), chainId: foundry.id, transaction })
const tokenBalance = (holder: Hex) => plain().readContract({ address: TOKEN, abi: erc20Abi, functionName: 'balanceOf', args: [holder] })

/** Sends the transaction for real and returns what anvil did: balances before/after and the receipt. */
async function sendForReal(tx: { to: Hex; value?: bigint; data?: Hex }) {
  const ethBefore = await plain().getBalance({ address: ALICE.address })
  const hash = await wallet().sendTransaction(tx)
  const receipt = await waitForReceipt(anvil.url, hash)
  const fee = BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice)
  return { receipt, ethDeltaWithoutFee: (await plain().getBalance({ address: ALICE.address })) - ethBefore + fee }
}

describe('previewTransaction on anvil (local EVM over proven state)', () => {
  it('previews an ETH transfer exactly as anvil then executes it', async () => {
    const bobBefore = await plain().getBalance({ address: BOB })
    const p = await preview({ from: ALICE.address, to: BOB, value: parseEther('1.5') })
    expect(p.reverted).toBe(false)
    const alice = p.changes.find((c) => c.address === ALICE.address.toLowerCase() && c.asset === 'ETH')!
    expect(p.changes.find((c) => c.address === BOB)).toEqual({ address: BOB, asset: 'ETH', before: bobBefore, after: bobBefore + parseEther('1.5'), delta: parseEther('1.5') })
    expect(alice.delta).toBe(-parseEther('1.5'))
    const real = await sendForReal({ to: BOB, value: parseEther('1.5') })
    expect(real.ethDeltaWithoutFee).toBe(alice.delta)
    expect(BigInt(real.receipt.gasUsed)).toBe(p.gasUsed)
    expect(await plain().getBalance({ address: BOB })).toBe(bobBefore + parseEther('1.5'))
  })

  it('previews an ERC-20 transfer from the Transfer log and the proven balances before and after', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 1200n] })
    const [aliceBefore, bobBefore] = [await tokenBalance(ALICE.address), await tokenBalance(BOB)]
    const p = await preview({ from: ALICE.address, to: TOKEN, data })
    expect(p.reverted).toBe(false)
    expect(p.changes).toEqual([
      { address: ALICE.address.toLowerCase(), asset: TOKEN, before: aliceBefore, after: aliceBefore - 1200n, delta: -1200n },
      { address: BOB, asset: TOKEN, before: bobBefore, after: bobBefore + 1200n, delta: 1200n },
    ])
    expect(p.logs).toHaveLength(1)
    const real = await sendForReal({ to: TOKEN, data })
    expect(real.receipt.status).toBe('0x1')
    expect(real.receipt.logs.map((l: any) => ({ address: l.address, topics: l.topics, data: l.data }))).toEqual(p.logs)
    expect([await tokenBalance(ALICE.address), await tokenBalance(BOB)]).toEqual([aliceBefore - 1200n, bobBefore + 1200n])
    expect(BigInt(real.receipt.gasUsed)).toBe(p.gasUsed)
  })

  it('reports the approval an approve creates (and no balance change)', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [SPENDER, 2n ** 256n - 1n] })
    const p = await preview({ from: ALICE.address, to: TOKEN, data })
    expect(p.approvals).toEqual([{ token: TOKEN, owner: ALICE.address.toLowerCase(), spender: SPENDER, value: 2n ** 256n - 1n }])
    expect(p.changes).toEqual([])
    const real = await sendForReal({ to: TOKEN, data })
    expect(real.receipt.logs.map((l: any) => ({ address: l.address, topics: l.topics, data: l.data }))).toEqual(p.logs)
  })

  it('previews a swap-like call that moves ETH and two tokens (nested calls), as anvil then executes it', async () => {
    const tokenB = (holder: Hex) => plain().readContract({ address: TOKEN_B, abi: erc20Abi, functionName: 'balanceOf', args: [holder] })
    const [a, b] = [await tokenBalance(ALICE.address), await tokenB(ALICE.address)]
    const p = await preview({ from: ALICE.address, to: SWAP, value: parseEther('0.25') })
    expect(p.reverted).toBe(false)
    const alice = ALICE.address.toLowerCase()
    const rows = p.changes.map((c) => [c.address, c.asset, c.delta])
    expect(rows).toEqual(expect.arrayContaining([
      [alice, 'ETH', -parseEther('0.25')], [SWAP, 'ETH', parseEther('0.25')],
      [SWAP, TOKEN, -10n], [alice, TOKEN, 10n], [SWAP, TOKEN_B, -20n], [alice, TOKEN_B, 20n],
    ]))
    expect(rows).toHaveLength(6)
    expect(p.logs.map((l) => l.address)).toEqual([TOKEN, TOKEN_B])
    const real = await sendForReal({ to: SWAP, value: parseEther('0.25') })
    expect(real.receipt.status).toBe('0x1')
    expect(real.ethDeltaWithoutFee).toBe(-parseEther('0.25'))
    expect([await tokenBalance(ALICE.address), await tokenB(ALICE.address)]).toEqual([a + 10n, b + 20n])
    expect(BigInt(real.receipt.gasUsed)).toBe(p.gasUsed)
  })

  it('shows a revert with its decoded reason and no changes', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 10n ** 30n] })
    const p = await preview({ from: ALICE.address, to: TOKEN, data })
    expect(p.reverted).toMatchObject({ reason: REVERT_REASON })
    expect(p.changes).toEqual([])
    const hash = await wallet().sendTransaction({ to: TOKEN, data, gas: 100_000n })
    expect((await waitForReceipt(anvil.url, hash)).status).toBe('0x0')
  })

  it('refuses (PreviewNotProvenError, naming the failed proof) when the RPC tampers with a proof, and shows no preview', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 1n] })
    for (const tamper of [
      // a richer token balance for the sender (the storage proof no longer matches)
      (r: any) => ({ ...r, storageProof: r.storageProof.map((s: any) => ({ ...s, value: '0xffffff' })) }),
      // a more generous ETH balance
      (r: any) => ({ ...r, balance: '0xffffffffffffffffffff' }),
      // a broken proof node
      (r: any) => ({ ...r, accountProof: r.accountProof.map((n: string, i: number) => (i === 0 ? flipByte(n, 10) : n)) }),
    ]) {
      proxy.state.tamper = (method, _params, result) => (method === 'eth_getProof' ? tamper(result) : result)
      try {
        const error = await preview({ from: ALICE.address, to: TOKEN, data }).catch((e) => e)
        expect(error).toBeInstanceOf(PreviewNotProvenError)
        expect(error.errors[0].name).toBe('AllProvidersFailedError')
        expect(error.errors[0].errors[0].name).toMatch(/AccountProofMismatchError|StorageValueMismatchError|InvalidAccountProofError/)
      } finally {
        proxy.state.tamper = undefined
      }
    }
  })

  it('detects an EIP-7702 delegation set by a type-4 transaction on anvil, and runs the delegate code', async () => {
    await rpc(anvil.url, 'anvil_setBalance', [DELEGATOR.address, toHex(parseEther('10'))])
    const delegator = createWalletClient({ account: DELEGATOR, chain: foundry, transport: http(anvil.url) })
    const authorization = await delegator.signAuthorization({ contractAddress: TOKEN, executor: 'self' })
    // The type-4 transaction calls the account itself (now running the token's code): a plain balanceOf.
    const balanceOf = encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [BOB] })
    const hash = await delegator.sendTransaction({ to: DELEGATOR.address, data: balanceOf, authorizationList: [authorization], gas: 200_000n })
    expect((await waitForReceipt(anvil.url, hash)).status).toBe('0x1')
    expect(delegationOf((await plain().getCode({ address: DELEGATOR.address }))!)).toBe(TOKEN)
    const p = await preview({ from: ALICE.address, to: DELEGATOR.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [SPENDER, 7n] }) })
    expect(p.delegations).toEqual([{ address: DELEGATOR.address.toLowerCase(), delegate: TOKEN, when: 'before' }])
    // The delegate's code runs in the delegator's storage: the Approval comes from the delegator.
    expect(p.approvals).toEqual([{ token: DELEGATOR.address.toLowerCase(), owner: ALICE.address.toLowerCase(), spender: SPENDER, value: 7n }])
  })
})
