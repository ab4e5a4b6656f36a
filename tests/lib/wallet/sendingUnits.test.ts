import { IDBFactory } from 'fake-indexeddb'
import type { PublicClient } from 'viem'
import { keccak256, parseEther, parseGwei } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import type { ActivityRecord } from '../../../src/lib/wallet/activityStore.ts'
import { broadcastTransaction } from '../../../src/lib/wallet/broadcastTransaction.ts'
import { computeFees } from '../../../src/lib/wallet/computeFees.ts'
import { createIndexedDbActivityStore } from '../../../src/lib/wallet/createIndexedDbActivityStore.ts'
import { createReplacement } from '../../../src/lib/wallet/createReplacement.ts'
import {
  BroadcastHashMismatchError,
  InsufficientBalanceError,
  InvalidAmountError,
  TooManyDecimalsError,
  TransactionRejectedError,
} from '../../../src/lib/wallet/errors.ts'
import { parseAmount } from '../../../src/lib/wallet/parseAmount.ts'
import { getNextNonce } from '../../../src/lib/wallet/getNextNonce.ts'
import { createMemoryActivityStore } from '../../../src/lib/wallet/activityStore.ts'

describe('parseAmount', () => {
  it('parses decimal text into base units', () => {
    expect(parseAmount({ input: '1.5', decimals: 18, symbol: 'ETH' })).toBe(parseEther('1.5'))
    expect(parseAmount({ input: ' 0.000001 ', decimals: 6, symbol: 'USDC' })).toBe(1n)
    expect(parseAmount({ input: '.25', decimals: 2, symbol: 'X' })).toBe(25n)
    expect(parseAmount({ input: '3.', decimals: 0, symbol: 'X' })).toBe(3n)
    expect(parseAmount({ input: '1.500000', decimals: 2, symbol: 'X' })).toBe(150n) // trailing zeros are not precision
  })
  it('refuses too many decimals instead of rounding', () => {
    const e = (() => { try { parseAmount({ input: '0.0000001', decimals: 6, symbol: 'USDC' }) } catch (x) { return x } })()
    expect(e).toBeInstanceOf(TooManyDecimalsError)
    expect((e as Error).message).toContain('USDC allows (6)')
    expect(() => parseAmount({ input: '1.5', decimals: 0, symbol: 'NFTish' })).toThrow(TooManyDecimalsError)
  })
  it('refuses garbage, negatives, zero, and amounts beyond the balance', () => {
    for (const input of ['', 'abc', '1,5', '1.2.3', '1e18', '0x10', ' - 1'])
      expect(() => parseAmount({ input, decimals: 18, symbol: 'ETH' })).toThrow(InvalidAmountError)
    expect(() => parseAmount({ input: '-1', decimals: 18, symbol: 'ETH' })).toThrow(/negative/)
    expect(() => parseAmount({ input: '0.000', decimals: 18, symbol: 'ETH' })).toThrow(/zero/)
    const e = (() => { try { parseAmount({ input: '2', decimals: 6, symbol: 'USDC', balance: 1_500_000n }) } catch (x) { return x } })()
    expect(e).toBeInstanceOf(InsufficientBalanceError)
    expect((e as Error).message).toBe('The amount (2 USDC) is more than the balance (1.5 USDC).')
    expect(parseAmount({ input: '1.5', decimals: 6, symbol: 'USDC', balance: 1_500_000n })).toBe(1_500_000n)
  })
})

describe('fees and replacements', () => {
  it('maxFee = 2 x base + tip, tip settable', () => {
    expect(computeFees({ baseFeePerGas: parseGwei('10') })).toEqual({ maxFeePerGas: parseGwei('21'), maxPriorityFeePerGas: parseGwei('1') })
    expect(computeFees({ baseFeePerGas: 7n, maxPriorityFeePerGas: 3n })).toEqual({ maxFeePerGas: 17n, maxPriorityFeePerGas: 3n })
  })
  const original: ActivityRecord = {
    hash: '0x' + '11'.repeat(32) as `0x${string}`,
    chainId: 1,
    from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    nonce: 4,
    kind: 'send',
    transaction: { type: 'eip1559', chainId: 1, nonce: 4, to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', value: 5n, gas: 60000n, data: '0xabcd', maxFeePerGas: 1001n, maxPriorityFeePerGas: 11n },
    summary: { recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', amount: 5n, symbol: 'ETH', decimals: 18 },
    status: 'pending',
    submittedAt: 0,
    updatedAt: 0,
  }
  it('bumps both fees by at least 10% (rounding up), keeps the nonce and the call', () => {
    const r = createReplacement({ original, mode: 'speedUp', baseFeePerGas: 1n, maxPriorityFeePerGas: 1n })
    expect(r.transaction).toMatchObject({ nonce: 4, to: original.transaction.to, value: 5n, data: '0xabcd', gas: 60000n })
    expect(r.transaction.maxFeePerGas).toBe(1102n) // ceil(1001 * 1.1) = 1101.1 -> 1102
    expect(r.transaction.maxPriorityFeePerGas).toBe(13n) // ceil(12.1)
    expect(r.replaces).toBe(original.hash)
  })
  it('follows the market when it moved more than 10%', () => {
    const r = createReplacement({ original, mode: 'speedUp', baseFeePerGas: 5000n, maxPriorityFeePerGas: 100n })
    expect(r.transaction).toMatchObject({ maxFeePerGas: 10100n, maxPriorityFeePerGas: 100n })
  })
  it('cancel is 0 ETH to self at 21000 gas', () => {
    const r = createReplacement({ original, mode: 'cancel', baseFeePerGas: 1n })
    expect(r.transaction).toMatchObject({ to: original.from, value: 0n, gas: 21000n, nonce: 4, data: undefined })
    expect(r.kind).toBe('cancel')
  })
})

describe('broadcastTransaction', () => {
  it('checks the RPC returns the hash of what was signed, and wraps rejections', async () => {
    const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
    const serializedTransaction = await account.signTransaction({ type: 'eip1559', chainId: 1, nonce: 0, to: account.address, gas: 21000n, maxFeePerGas: 2n, maxPriorityFeePerGas: 1n })
    const honest = { sendRawTransaction: async () => keccak256(serializedTransaction) } as unknown as PublicClient
    expect(await broadcastTransaction({ client: honest, serializedTransaction })).toBe(keccak256(serializedTransaction))
    const lying = { sendRawTransaction: async () => '0x' + '00'.repeat(32) } as unknown as PublicClient
    await expect(broadcastTransaction({ client: lying, serializedTransaction })).rejects.toThrow(BroadcastHashMismatchError)
    const rejecting = { sendRawTransaction: async () => { throw new Error('insufficient funds for gas * price + value') } } as unknown as PublicClient
    await expect(broadcastTransaction({ client: rejecting, serializedTransaction })).rejects.toThrow(TransactionRejectedError)
    await expect(broadcastTransaction({ client: rejecting, serializedTransaction })).rejects.toThrow(/insufficient funds/)
  })
})

describe('IndexedDB activity store', () => {
  it('stores records with bigints, filters by chain and sender, newest first', async () => {
    const store = createIndexedDbActivityStore({ indexedDB: new IDBFactory() })
    const base = { chainId: 1, from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', nonce: 0, kind: 'send', status: 'pending', updatedAt: 0,
      transaction: { type: 'eip1559', chainId: 1, nonce: 0, value: parseEther('1'), maxFeePerGas: 3n, maxPriorityFeePerGas: 1n },
      summary: { recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', amount: parseEther('1'), symbol: 'ETH', decimals: 18 } } as const
    const h = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as `0x${string}`
    await store.put({ ...base, hash: h(1), submittedAt: 1 } as ActivityRecord)
    await store.put({ ...base, hash: h(2), submittedAt: 2, chainId: 5 } as ActivityRecord)
    await store.put({ ...base, hash: h(3), submittedAt: 3, from: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' } as ActivityRecord)
    expect((await store.get(h(1)))!.summary.amount).toBe(parseEther('1'))
    expect((await store.list()).map((r) => r.submittedAt)).toEqual([3, 2, 1])
    expect((await store.list({ chainId: 1, from: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' })).map((r) => r.hash)).toEqual([h(1)])
    await store.put({ ...(await store.get(h(1)))!, status: 'success', blockNumber: 9n })
    expect(await store.get(h(1))).toMatchObject({ status: 'success', blockNumber: 9n })
    expect(await store.get(h(9))).toBeUndefined()
  })
})

describe('getNextNonce', () => {
  it('is the confirmed count, or one past our own pending transactions', async () => {
    const activity = createMemoryActivityStore()
    const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
    let confirmed = 3
    const client = { getTransactionCount: async () => confirmed } as unknown as PublicClient
    expect(await getNextNonce({ client, activity, chainId: 1, address })).toBe(3)
    const rec = (nonce: number, status: ActivityRecord['status'], chainId = 1) => ({
      hash: `0x${(nonce * 10 + chainId).toString(16).padStart(64, '0')}`, chainId, from: address, nonce, kind: 'send', status, submittedAt: nonce, updatedAt: 0,
      transaction: { type: 'eip1559', chainId, nonce }, summary: { recipient: address, amount: 1n, symbol: 'ETH', decimals: 18 },
    }) as ActivityRecord
    await activity.put(rec(3, 'pending'))
    await activity.put(rec(4, 'pending'))
    await activity.put(rec(9, 'pending', 5)) // other chain
    await activity.put(rec(7, 'dropped'))
    expect(await getNextNonce({ client, activity, chainId: 1, address })).toBe(5)
    confirmed = 6 // our pending ones got mined (or replaced) meanwhile
    expect(await getNextNonce({ client, activity, chainId: 1, address })).toBe(6)
  })
})
