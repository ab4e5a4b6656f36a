import { http, createPublicClient, createWalletClient, numberToHex, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import { verified } from '../../../src/lib/rpc/verified.ts'
import { flipByte } from '../execution/fixtures.ts'
import { type Anvil, rpc, startAnvil } from '../execution/startAnvil.ts'
import { anvilHeaderSource } from './anvilHeaderSource.ts'
import { startTamperingProxy } from './tamperingProxy.ts'

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const ALICE = privateKeyToAccount(KEY)
const BOB = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
// Init code storing 0x2a in slot 0 and deploying runtime code 0x602a.
const INIT = '0x602a600055600760055561602a6000526002601ef3'

let anvil: Anvil
let honest: Awaited<ReturnType<typeof startTamperingProxy>>
let liar: Awaited<ReturnType<typeof startTamperingProxy>>
let contract: `0x${string}`
const plain = () => createPublicClient({ chain: foundry, transport: http(anvil.url) })

beforeAll(async () => {
  anvil = await startAnvil()
  honest = await startTamperingProxy({ upstream: anvil.url })
  liar = await startTamperingProxy({ upstream: anvil.url })
  const wallet = createWalletClient({ account: ALICE, chain: foundry, transport: http(anvil.url) })
  await wallet.sendTransaction({ to: BOB, value: parseEther('1.5') })
  const deploy = await wallet.sendTransaction({ data: INIT })
  contract = (await plain().waitForTransactionReceipt({ hash: deploy })).contractAddress!
  for (let i = 0; i < 4; i++) await rpc(anvil.url, 'evm_mine')
})
afterAll(async () => {
  await honest?.stop()
  await liar?.stop()
  await anvil?.stop()
})

function verifiedClient(rpcs: string[], extra: Partial<Parameters<typeof verified>[0]> = {}) {
  const transport = verified({ headers: anvilHeaderSource({ url: anvil.url }), rpcs, chainId: foundry.id, timeout: 2000, ...extra })
  return createPublicClient({ chain: foundry, transport })
}

describe('verified viem transport on anvil', () => {
  it('answers balances, nonces, code and storage with verified data', async () => {
    const client = verifiedClient([honest.url])
    expect(await client.getBalance({ address: BOB })).toBe(await plain().getBalance({ address: BOB }))
    expect(await client.getBalance({ address: BOB })).toBe(parseEther('10001.5'))
    expect(await client.getTransactionCount({ address: ALICE.address })).toBe(2)
    expect(await client.getCode({ address: contract })).toBe('0x602a')
    expect(await client.getStorageAt({ address: contract, slot: '0x0' })).toBe(`0x${'2a'.padStart(64, '0')}`)
    expect(await client.getBalance({ address: '0x000000000000000000000000000000000000dEaD' })).toBe(0n)
    expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(await plain().getBlockNumber({ cacheTime: 0 }))
    expect(await client.getChainId()).toBe(31337)
    expect(await client.getBalance({ address: BOB, blockTag: 'finalized' })).toBe(parseEther('10001.5'))
  })

  it('reaches older blocks through verified parent hashes', async () => {
    const client = verifiedClient([honest.url])
    const head = await plain().getBlockNumber({ cacheTime: 0 })
    // block 1 holds only the transfer: BOB has 10001.5 ETH, ALICE's nonce is 1
    expect(await client.getTransactionCount({ address: ALICE.address, blockNumber: 1n })).toBe(1)
    expect(await client.getBalance({ address: BOB, blockNumber: 1n })).toBe(parseEther('10001.5'))
    // (anvil's genesis header carries the empty state root, so block 0 cannot be checked against it)
    expect(head).toBeGreaterThan(4n)
  })

  it('rejects an ancestor header with one field changed and marks the provider faulty', async () => {
    liar.state.tamper = (m, _p, r) => (m === 'eth_getBlockByNumber' && r ? { ...r, stateRoot: flipByte(r.stateRoot, 3) } : r)
    try {
      const { client, request } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [liar.url, honest.url], chainId: 31337 })
      expect(await request({ method: 'eth_getTransactionCount', params: [ALICE.address, '0x1'] })).toBe('0x1')
      expect(client.providers()[0]).toMatchObject({ faulty: true, faultReason: expect.stringMatching(/does not hash to the trusted block hash/) })
    } finally {
      liar.state.tamper = undefined
    }
  })

  it.each([
    ['a flipped proof node byte', (m: string, _p: any, r: any) => (m === 'eth_getProof' ? { ...r, accountProof: r.accountProof.map((n: string, i: number) => (i === 1 ? flipByte(n, 50) : n)) } : r)],
    ['a swapped account leaf', (m: string, p: any, r: any) => (m === 'eth_getProof' ? { ...r, accountProof: [...r.accountProof.slice(0, -1), swappedLeaf] } : r)],
    ['a wrong balance claim', (m: string, _p: any, r: any) => (m === 'eth_getProof' ? { ...r, balance: '0x1' } : r)],
  ])('rejects %s, marks the provider faulty, and answers from an honest one', async (_name, tamper) => {
    liar.state.tamper = tamper
    try {
      const client = verifiedClient([liar.url, honest.url])
      expect(await client.getBalance({ address: BOB })).toBe(parseEther('10001.5'))
      const { client: rpcClient, request } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [liar.url, honest.url], chainId: 31337 })
      expect(await request({ method: 'eth_getBalance', params: [BOB, 'latest'] })).toBe(numberToHex(parseEther('10001.5')))
      expect(rpcClient.providers().map((p) => p.faulty)).toEqual([true, false])
    } finally {
      liar.state.tamper = undefined
    }
  })

  it('rejects a wrong storage value and forged code', async () => {
    liar.state.tamper = (m, _p, r) =>
      m === 'eth_getProof' && r.storageProof.length ? { ...r, storageProof: [{ ...r.storageProof[0], value: '0x2b' }] } : m === 'eth_getCode' ? '0x602b' : r
    try {
      for (const method of ['eth_getStorageAt', 'eth_getCode']) {
        const { client, request } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [liar.url, honest.url], chainId: 31337 })
        const params = method === 'eth_getCode' ? [contract, 'latest'] : [contract, '0x0', 'latest']
        const answer = await request({ method, params })
        expect(answer).toBe(method === 'eth_getCode' ? '0x602a' : `0x${'2a'.padStart(64, '0')}`)
        expect(client.providers()[0]).toMatchObject({ faulty: true })
        expect(client.providers()[0].faultReason).toMatch(method === 'eth_getCode' ? /code hash/ : /does not match the proof/)
      }
    } finally {
      liar.state.tamper = undefined
    }
  })

  it('passes eth_getProof on only once it verifies', async () => {
    liar.state.tamper = (m, _p, r) => (m === 'eth_getProof' ? { ...r, storageProof: r.storageProof.map((s: any) => ({ ...s, value: '0x5' })) } : r)
    try {
      const { request, client: rpcClient } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [liar.url, honest.url], chainId: 31337 })
      const proof: any = await request({ method: 'eth_getProof', params: [contract, ['0x0'], 'latest'] })
      expect(BigInt(proof.storageProof[0].value)).toBe(42n)
      expect(rpcClient.providers()[0].faulty).toBe(true)
    } finally {
      liar.state.tamper = undefined
    }
  })

  it('with one of three RPCs killed, no call fails', async () => {
    const doomed = await startTamperingProxy({ upstream: anvil.url })
    const client = verifiedClient([doomed.url, honest.url, liar.url])
    expect(await client.getBalance({ address: BOB })).toBe(parseEther('10001.5'))
    await doomed.stop()
    for (let i = 0; i < 3; i++) expect(await client.getBalance({ address: BOB })).toBe(parseEther('10001.5'))
    expect(await client.getCode({ address: contract })).toBe('0x602a')
  })

  it('refuses unverifiable methods unless allowed, and reports allowed ones', async () => {
    await expect(verifiedClient([honest.url]).getGasPrice()).rejects.toThrow(/cannot be verified/)
    const seen: string[] = []
    const client = verifiedClient([honest.url], { allowUnverified: ['eth_gasPrice'], onUnverified: ({ method }) => seen.push(method) })
    expect(await client.getGasPrice()).toBeGreaterThan(0n)
    expect(seen).toEqual(['eth_gasPrice'])
    await expect(client.getBalance({ address: BOB, blockTag: 'pending' })).rejects.toThrow(/cannot be verified/)
  })

  it('broadcasts a raw transaction to every RPC', async () => {
    const other = await startTamperingProxy({ upstream: anvil.url })
    try {
      const client = verifiedClient([honest.url, other.url])
      const nonce = await client.getTransactionCount({ address: ALICE.address })
      const raw = await ALICE.signTransaction({ chainId: 31337, to: BOB, value: 1n, nonce, gas: 21000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, type: 'eip1559' })
      const before = honest.state.calls.filter((c) => c === 'eth_sendRawTransaction').length
      const hash = await client.sendRawTransaction({ serializedTransaction: raw })
      const settled = () => other.state.calls.includes('eth_sendRawTransaction') && honest.state.calls.filter((c) => c === 'eth_sendRawTransaction').length > before
      for (let i = 0; i < 200 && !settled(); i++) await new Promise((ok) => setTimeout(ok, 50))
      expect(honest.state.calls.filter((c) => c === 'eth_sendRawTransaction').length).toBe(before + 1)
      expect(other.state.calls).toContain('eth_sendRawTransaction')
      // anvil mines on its own thread: under load the receipt can trail the broadcast's answer.
      expect((await plain().waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 30_000 })).status).toBe('success')
    } finally {
      await other.stop()
    }
  })
})

// A leaf node of another account, computed lazily (needs anvil).
let swappedLeaf = ''
beforeAll(async () => {
  const proof = await rpc(anvil.url, 'eth_getProof', [ALICE.address, [], 'latest'])
  swappedLeaf = proof.accountProof[proof.accountProof.length - 1]
})
