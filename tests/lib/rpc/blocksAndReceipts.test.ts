import { http, createPublicClient, createWalletClient, erc20Abi, parseEther, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployContract } from '../../../scripts/contracts/deployContract.ts'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import { verified } from '../../../src/lib/rpc/verified.ts'
import { flipByte } from '../execution/fixtures.ts'
import { type Anvil, rpc, startAnvil } from '../execution/startAnvil.ts'
import { anvilHeaderSource } from './anvilHeaderSource.ts'
import { type Tamper, startTamperingProxy } from './tamperingProxy.ts'

const ALICE = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const BOB = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const SUPPLY = parseEther('1000000')

let anvil: Anvil
let honest: Awaited<ReturnType<typeof startTamperingProxy>>
let liar: Awaited<ReturnType<typeof startTamperingProxy>>
let token: `0x${string}`
let transferHash: `0x${string}`
let deployHash: `0x${string}`
const plain = () => createPublicClient({ chain: foundry, transport: http(anvil.url) })
const client = (rpcs: string[]) =>
  createPublicClient({ chain: foundry, transport: verified({ headers: anvilHeaderSource({ url: anvil.url }), rpcs, chainId: foundry.id }) })

beforeAll(async () => {
  anvil = await startAnvil({ args: ['--hardfork', 'prague'] })
  honest = await startTamperingProxy({ upstream: anvil.url })
  liar = await startTamperingProxy({ upstream: anvil.url })
  const wallet = createWalletClient({ account: ALICE, chain: foundry, transport: http(anvil.url) })
  // An OpenZeppelin ERC-20 compiled from source; its constructor mints SUPPLY to ALICE (a Transfer log).
  const deployed = await deployContract({ rpcUrl: anvil.url, file: 'TestTokens.sol', contract: 'TestToken', args: ['Test token', 'TST', 18, SUPPLY] })
  token = deployed.address
  deployHash = deployed.transactionHash
  // one block with three transactions: an ETH transfer, the token transfer, another ETH transfer
  await rpc(anvil.url, 'evm_setAutomine', [false])
  await wallet.sendTransaction({ to: BOB, value: parseEther('1'), type: 'legacy' })
  transferHash = await wallet.writeContract({ address: token, abi: erc20Abi, functionName: 'transfer', args: [BOB, 77n] })
  await wallet.sendTransaction({ to: BOB, value: 5n })
  await rpc(anvil.url, 'evm_mine')
  await rpc(anvil.url, 'evm_setAutomine', [true])
  await rpc(anvil.url, 'evm_mine')
})
afterAll(async () => {
  await honest?.stop()
  await liar?.stop()
  await anvil?.stop()
})

describe('verified blocks, transactions, receipts and logs on anvil', () => {
  it('serves a verified receipt with its logs', async () => {
    const receipt = await client([honest.url]).getTransactionReceipt({ hash: transferHash })
    // blobGasPrice and blockTimestamp are not JSON-RPC spec fields of a receipt; we leave them out
    const { blobGasPrice: _, blockTimestamp: __, ...theirs } = (await plain().getTransactionReceipt({ hash: transferHash })) as any
    expect(receipt).toEqual(theirs)
    expect(receipt.logs).toHaveLength(1)
    const deploy = await client([honest.url]).getTransactionReceipt({ hash: deployHash })
    expect(deploy.contractAddress).toBe(token)
  })

  it('serves verified blocks and transactions (senders recovered)', async () => {
    const receipt = await plain().getTransactionReceipt({ hash: transferHash })
    const ours = await client([honest.url]).getBlock({ blockNumber: receipt.blockNumber, includeTransactions: true })
    const theirs = await plain().getBlock({ blockNumber: receipt.blockNumber, includeTransactions: true })
    expect(ours.hash).toBe(theirs.hash)
    expect(ours.transactions).toHaveLength(3)
    expect(ours.transactions.map((t) => t.from)).toEqual(theirs.transactions.map((t) => t.from))
    expect(ours.transactions.map((t) => t.hash)).toEqual(theirs.transactions.map((t) => t.hash))
    const byHash = await client([honest.url]).getBlock({ blockHash: theirs.hash })
    expect(byHash.transactions).toEqual(theirs.transactions.map((t) => t.hash))
    const tx = await client([honest.url]).getTransaction({ hash: transferHash })
    expect(tx.from).toBe(ALICE.address.toLowerCase())
  })

  it('serves verified logs', async () => {
    const logs = await client([honest.url]).getContractEvents({ address: token, abi: erc20Abi, eventName: 'Transfer', fromBlock: 0n, toBlock: 'latest' })
    // the constructor's mint, then the transfer
    expect(logs.map((l) => l.args)).toEqual([
      { from: zeroAddress, to: ALICE.address, value: SUPPLY },
      { from: ALICE.address, to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', value: 77n },
    ])
    expect(logs.map((l) => l.transactionHash)).toEqual([deployHash, transferHash])
    const none = await client([honest.url]).getLogs({ address: BOB, fromBlock: 0n, toBlock: 'latest' })
    expect(none).toEqual([])
  })

  const lies: [string, Tamper][] = [
    ['a forged receipt status', (m, _p, r) => (m === 'eth_getBlockReceipts' ? r.map((x: any) => ({ ...x, status: '0x0' })) : r)],
    ['a removed log', (m, _p, r) => (m === 'eth_getBlockReceipts' ? r.map((x: any) => ({ ...x, logs: [] })) : r)],
    ['a removed receipt', (m, _p, r) => (m === 'eth_getBlockReceipts' && r.length > 1 ? r.slice(0, -1) : r)],
    ['a changed transaction', (m, _p, r) => (m === 'eth_getBlockByHash' && r?.transactions?.length ? { ...r, transactions: r.transactions.map((t: any) => (typeof t === 'object' ? { ...t, value: '0x1' } : t)) } : r)],
    ['a header with one field changed', (m, _p, r) => (m === 'eth_getBlockByHash' && r ? { ...r, gasUsed: flipByte(`0x${r.gasUsed.slice(2).padStart(8, '0')}`, 3) } : r)],
  ]
  it.each(lies)('rejects %s, marks the provider faulty and answers from an honest one', async (_name, tamper) => {
    liar.state.tamper = tamper
    try {
      const { request, client: rpcClient } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [liar.url, honest.url], chainId: 31337 })
      const receipt: any = await request({ method: 'eth_getTransactionReceipt', params: [transferHash] })
      expect(receipt.status).toBe('0x1')
      expect(receipt.logs).toHaveLength(1)
      expect(rpcClient.providers().map((p) => p.faulty)).toEqual([true, false])
    } finally {
      liar.state.tamper = undefined
    }
  })

  it('serves eth_getBlockReceipts verified, refusing a provider that drops one', async () => {
    const { blockNumber } = await plain().getTransactionReceipt({ hash: transferHash })
    liar.state.tamper = (m, _p, r) => (m === 'eth_getBlockReceipts' ? r.slice(1) : r)
    try {
      const { request, client: rpcClient } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [liar.url, honest.url], chainId: 31337 })
      const receipts = (await request({ method: 'eth_getBlockReceipts', params: [`0x${blockNumber.toString(16)}`] })) as any[]
      expect(receipts.map((r) => r.transactionHash)).toContain(transferHash)
      expect(receipts).toHaveLength(3)
      expect(rpcClient.providers()[0].faulty).toBe(true)
    } finally {
      liar.state.tamper = undefined
    }
  })

  it('marks faulty a provider that places a transaction in the wrong block', async () => {
    liar.state.tamper = (m, _p, r) => (m === 'eth_getTransactionByHash' && r ? { ...r, blockNumber: '0x1' } : r)
    try {
      const { request, client: rpcClient } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [liar.url, honest.url], chainId: 31337 })
      const receipt: any = await request({ method: 'eth_getTransactionReceipt', params: [transferHash] })
      expect(receipt.transactionHash).toBe(transferHash)
      expect(rpcClient.providers()[0]).toMatchObject({ faulty: true, faultReason: expect.stringMatching(/does not contain it/) })
    } finally {
      liar.state.tamper = undefined
    }
  })

  it('cannot be made to hide a log', async () => {
    liar.state.tamper = (m, _p, r) => (m === 'eth_getBlockReceipts' ? r.map((x: any) => ({ ...x, logs: [] })) : r)
    try {
      const logs = await client([liar.url, honest.url]).getLogs({ address: token, fromBlock: 0n, toBlock: 'latest' })
      expect(logs.map((l) => l.transactionHash)).toEqual([deployHash, transferHash]) // the mint and the transfer
    } finally {
      liar.state.tamper = undefined
    }
  })
})
