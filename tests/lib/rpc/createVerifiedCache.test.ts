import { http, createPublicClient, createWalletClient, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hex, ProvenAccount } from '../../../src/lib/execution/types.ts'
import { createVerifiedCache } from '../../../src/lib/rpc/createVerifiedCache.ts'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import { createCountingFetch } from '../../../scripts/bench/createCountingFetch.ts'
import { type Anvil, rpc, startAnvil } from '../execution/startAnvil.ts'
import { anvilHeaderSource } from './anvilHeaderSource.ts'

const HASH_A = `0x${'aa'.repeat(32)}` as Hex
const HASH_B = `0x${'bb'.repeat(32)}` as Hex
const ADDRESS = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const proven = (balance: bigint, storage: [Hex, bigint][] = [], code?: Hex): ProvenAccount => ({
  account: { address: ADDRESS, nonce: 1n, balance, codeHash: '0x00', storageRoot: '0x00', exists: true },
  storage: new Map(storage),
  code,
})

describe('createVerifiedCache', () => {
  it('answers only for the block hash an entry was verified at', () => {
    const cache = createVerifiedCache()
    cache.putAccount({ blockHash: HASH_A, address: ADDRESS, proven: proven(5n) })
    expect(cache.getAccount({ blockHash: HASH_A, address: ADDRESS, slots: [], withCode: false })?.account.balance).toBe(5n)
    expect(cache.getAccount({ blockHash: HASH_A.toUpperCase().replace('0X', '0x') as Hex, address: ADDRESS.toUpperCase().replace('0X', '0x') as Hex, slots: [], withCode: false })).toBeDefined()
    expect(cache.getAccount({ blockHash: HASH_B, address: ADDRESS, slots: [], withCode: false })).toBeUndefined()
    cache.putAccount({ blockHash: HASH_B, address: ADDRESS, proven: proven(6n) })
    expect(cache.getAccount({ blockHash: HASH_A, address: ADDRESS, slots: [], withCode: false })?.account.balance).toBe(5n)
    expect(cache.getAccount({ blockHash: HASH_B, address: ADDRESS, slots: [], withCode: false })?.account.balance).toBe(6n)
  })

  it('misses until every slot asked and the code are held, and answers exactly the slots asked', () => {
    const cache = createVerifiedCache()
    const slot1 = `0x${'0'.repeat(63)}1` as Hex
    cache.putAccount({ blockHash: HASH_A, address: ADDRESS, proven: proven(5n, [[slot1, 7n]]) })
    expect(cache.getAccount({ blockHash: HASH_A, address: ADDRESS, slots: ['0x2'], withCode: false })).toBeUndefined()
    expect(cache.getAccount({ blockHash: HASH_A, address: ADDRESS, slots: [], withCode: true })).toBeUndefined()
    cache.putAccount({ blockHash: HASH_A, address: ADDRESS, proven: proven(5n, [[`0x${'0'.repeat(63)}2`, 8n]], '0x6000') })
    const both = cache.getAccount({ blockHash: HASH_A, address: ADDRESS, slots: ['0x2', '0x1'], withCode: true })!
    expect([...both.storage]).toEqual([[`0x${'0'.repeat(63)}2`, 8n], [slot1, 7n]])
    expect(both.code).toBe('0x6000')
    expect([...cache.getAccount({ blockHash: HASH_A, address: ADDRESS, slots: ['0x1'], withCode: false })!.storage.values()]).toEqual([7n])
  })

  it('is bounded in blocks, accounts per block and slots per account', () => {
    const cache = createVerifiedCache({ maxBlocks: 2, maxAccountsPerBlock: 2, maxSlotsPerAccount: 2 })
    const hash = (i: number) => `0x${i.toString(16).padStart(64, '0')}` as Hex
    for (let i = 1; i <= 3; i++) cache.putAccount({ blockHash: hash(i), address: ADDRESS, proven: proven(BigInt(i)) })
    expect(cache.getAccount({ blockHash: hash(1), address: ADDRESS, slots: [], withCode: false })).toBeUndefined()
    expect(cache.getAccount({ blockHash: hash(3), address: ADDRESS, slots: [], withCode: false })).toBeDefined()
    const other = (i: number) => `0x${i.toString(16).padStart(40, '0')}` as Hex
    for (let i = 1; i <= 3; i++) cache.putAccount({ blockHash: hash(3), address: other(i), proven: proven(1n) })
    expect(cache.getAccount({ blockHash: hash(3), address: other(1), slots: [], withCode: false })).toBeUndefined()
    cache.putAccount({ blockHash: hash(3), address: other(3), proven: proven(1n, [['0x1', 1n], ['0x2', 2n], ['0x3', 3n]]) })
    expect(cache.getAccount({ blockHash: hash(3), address: other(3), slots: ['0x1'], withCode: false })).toBeUndefined()
    expect(cache.getAccount({ blockHash: hash(3), address: other(3), slots: ['0x2', '0x3'], withCode: false })).toBeDefined()
  })
})

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const ALICE = privateKeyToAccount(KEY)
// Init code storing 0x2a in slot 0 and deploying runtime code 0x602a.
const INIT = '0x602a600055600760055561602a6000526002601ef3'
let anvil: Anvil
let contract: Hex
let transfers: Hex[]

beforeAll(async () => {
  anvil = await startAnvil()
  const wallet = createWalletClient({ account: ALICE, chain: foundry, transport: http(anvil.url) })
  const plain = createPublicClient({ chain: foundry, transport: http(anvil.url) })
  contract = (await plain.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ data: INIT }) })).contractAddress!
  // Two transfers in one block, for the receipts of one block.
  await rpc(anvil.url, 'evm_setAutomine', [false])
  transfers = [await wallet.sendTransaction({ to: ADDRESS, value: parseEther('1') }), await wallet.sendTransaction({ to: ADDRESS, value: parseEther('2') })]
  await rpc(anvil.url, 'evm_mine')
  await rpc(anvil.url, 'evm_setAutomine', [true])
})
afterAll(() => anvil?.stop())

function counted(parameters: { cache?: false } = {}) {
  const counter = createCountingFetch()
  const { request } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [anvil.url], chainId: 31337, fetch: counter.fetch, ...parameters })
  const methods = () => counter.take().flatMap((r) => r.methods)
  return { request, methods }
}

describe('verified reads cached per block hash (anvil)', () => {
  it('answers a repeated balance, nonce, code and storage read at the same verified block with no request', async () => {
    const { request, methods } = counted()
    const reads = [
      { method: 'eth_getBalance', params: [ADDRESS, 'latest'] },
      { method: 'eth_getTransactionCount', params: [ALICE.address, 'latest'] },
      { method: 'eth_getCode', params: [contract, 'latest'] },
      { method: 'eth_getStorageAt', params: [contract, '0x0', 'latest'] },
    ]
    const first = []
    for (const read of reads) first.push(await request(read))
    expect(methods()).toEqual(['eth_getProof', 'eth_getProof', 'eth_getProof', 'eth_getCode', 'eth_getProof'])
    const again = []
    for (const read of reads) again.push(await request(read))
    expect(again).toEqual(first)
    expect(methods()).toEqual([])
    // Another slot of a cached account is not held: asked for.
    expect(await request({ method: 'eth_getStorageAt', params: [contract, '0x1', 'latest'] })).toBe(`0x${'0'.repeat(64)}`)
    expect(methods()).toEqual(['eth_getProof'])
  })

  it('asks again once the verified head is another block, also at the same number after a reorg', async () => {
    const { request, methods } = counted()
    const snapshot = await rpc<Hex>(anvil.url, 'evm_snapshot')
    await rpc(anvil.url, 'evm_mine')
    const first = await rpc<{ number: Hex; hash: Hex }>(anvil.url, 'eth_getBlockByNumber', ['latest', false])
    const before = BigInt(await request({ method: 'eth_getBalance', params: [ADDRESS, 'latest'] }) as Hex)
    expect(before).toBe(parseEther('10003'))
    await request({ method: 'eth_getBalance', params: [ADDRESS, 'latest'] })
    expect(methods()).toEqual(['eth_getProof'])
    // The same block number with another hash (and another balance): never answered from the first block's entry.
    await rpc(anvil.url, 'evm_revert', [snapshot])
    const wallet = createWalletClient({ account: ALICE, chain: foundry, transport: http(anvil.url) })
    const plain = createPublicClient({ chain: foundry, transport: http(anvil.url) })
    await plain.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ to: ADDRESS, value: 1n }), pollingInterval: 50 })
    const second = await rpc<{ number: Hex; hash: Hex }>(anvil.url, 'eth_getBlockByNumber', ['latest', false])
    expect([second.number, second.hash === first.hash]).toEqual([first.number, false])
    expect(BigInt(await request({ method: 'eth_getBalance', params: [ADDRESS, 'latest'] }) as Hex)).toBe(before + 1n)
    expect(methods()).toEqual(['eth_getProof'])
    await rpc(anvil.url, 'evm_mine')
    await request({ method: 'eth_getBalance', params: [ADDRESS, 'latest'] })
    expect(methods()).toEqual(['eth_getProof'])
  })

  it('fetches a block\'s receipts once for all its transactions', async () => {
    const { request, methods } = counted()
    const [a, b] = [await request({ method: 'eth_getTransactionReceipt', params: [transfers[0]] }), await request({ method: 'eth_getTransactionReceipt', params: [transfers[1]] })]
    expect((a as { blockHash: Hex }).blockHash).toBe((b as { blockHash: Hex }).blockHash)
    expect(methods().filter((m) => m === 'eth_getBlockReceipts')).toEqual(['eth_getBlockReceipts'])
    expect(await request({ method: 'eth_getTransactionReceipt', params: [transfers[0]] })).toEqual(a)
    // Only the (untrusted) hint of which block holds the transaction.
    expect(methods()).toEqual(['eth_getTransactionByHash'])
  })

  it('answers a repeated eth_call at the same verified block from the cache, and runs it again at a new block', async () => {
    const { request, methods } = counted()
    const call = { method: 'eth_call', params: [{ to: contract, data: '0x' }, 'latest'] }
    const result = await request(call)
    expect(methods()).toContain('eth_createAccessList')
    expect(await request(call)).toBe(result)
    expect(methods()).toEqual([])
    await rpc(anvil.url, 'evm_mine')
    expect(await request(call)).toBe(result)
    expect(methods()).toContain('eth_createAccessList')
  })

  it('without a cache, every read is a request (what the cases above would see without it)', async () => {
    const { request, methods } = counted({ cache: false })
    for (let i = 0; i < 2; i++) {
      await request({ method: 'eth_getBalance', params: [ADDRESS, 'latest'] })
      await request({ method: 'eth_getTransactionReceipt', params: [transfers[0]] })
      await request({ method: 'eth_call', params: [{ to: contract, data: '0x' }, 'latest'] })
    }
    const asked = methods()
    const count = (method: string) => asked.filter((m) => m === method).length
    expect([count('eth_getBlockReceipts'), count('eth_createAccessList')]).toEqual([2, 2])
    expect(count('eth_getProof')).toBeGreaterThanOrEqual(2) // the balance twice (and the call's state once)
  })
})
