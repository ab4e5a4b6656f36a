import { http, createPublicClient, createWalletClient, encodeFunctionData, erc20Abi, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployContract } from '../../../scripts/contracts/deployContract.ts'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import { verified } from '../../../src/lib/rpc/verified.ts'
import { type Anvil, startAnvil } from '../execution/startAnvil.ts'
import { anvilHeaderSource } from './anvilHeaderSource.ts'
import { startTamperingProxy } from './tamperingProxy.ts'

const ALICE = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const BOB = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'

let anvil: Anvil
let proxy: Awaited<ReturnType<typeof startTamperingProxy>>
let token: `0x${string}`
let runtime: `0x${string}`
const plain = () => createPublicClient({ chain: foundry, transport: http(anvil.url) })

beforeAll(async () => {
  anvil = await startAnvil({ args: ['--hardfork', 'prague'] })
  proxy = await startTamperingProxy({ upstream: anvil.url })
  const wallet = createWalletClient({ account: ALICE, chain: foundry, transport: http(anvil.url) })
  // An OpenZeppelin ERC-20 compiled from source (no immutables, so its runtime is solc's deployedBytecode).
  const deployed = await deployContract({ rpcUrl: anvil.url, file: 'TestTokenVariants.sol', contract: 'PlainTestToken', args: ['Test token', 'TST', parseEther('1000000')] })
  token = deployed.address
  runtime = deployed.deployedBytecode
  const transfer = await wallet.writeContract({ address: token, abi: erc20Abi, functionName: 'transfer', args: [BOB, 1234n] })
  expect((await plain().waitForTransactionReceipt({ hash: transfer })).status).toBe('success')
})
afterAll(async () => {
  await proxy?.stop()
  await anvil?.stop()
})

const client = () =>
  createPublicClient({ chain: foundry, transport: verified({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [proxy.url], chainId: foundry.id }) })

describe('an OpenZeppelin ERC-20 on anvil through the verified transport', () => {
  it('is deployed with the expected runtime', async () => {
    expect(await plain().getCode({ address: token })).toBe(runtime)
  })

  it('returns a verified balanceOf through eth_call', async () => {
    expect(await client().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [BOB] })).toBe(1234n)
    expect(await client().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [ALICE.address] })).toBe(parseEther('1000000') - 1234n)
  })

  it('still answers correctly when the access list lies (entries removed), at the cost of extra round trips', async () => {
    const proofExchanges = () => proxy.state.exchanges.filter((e) => e.includes('eth_getProof')).length
    proxy.state.exchanges.length = 0
    expect(await client().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [BOB] })).toBe(1234n)
    expect(proofExchanges()).toBe(1) // honest hint: everything proven in one batch
    for (const lie of [(r: any) => ({ ...r, accessList: [] }), (r: any) => ({ ...r, accessList: r.accessList.map((e: any) => ({ ...e, storageKeys: [] })) })]) {
      proxy.state.tamper = (m, _p, r) => (m === 'eth_createAccessList' ? lie(r) : r)
      proxy.state.exchanges.length = 0
      try {
        expect(await client().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [BOB] })).toBe(1234n)
        // the slot (and, for the empty list, the token) was fetched with proof after the prefetch
        expect(proofExchanges()).toBeGreaterThan(1)
      } finally {
        proxy.state.tamper = undefined
      }
    }
  })

  it('reuses the proven state for calls at the same block: a repeated call needs no new proof', async () => {
    const shared = client()
    expect(await shared.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [BOB] })).toBe(1234n)
    proxy.state.exchanges.length = 0
    expect(await shared.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [BOB] })).toBe(1234n)
    expect(proxy.state.exchanges.filter((e) => e.includes('eth_getProof'))).toEqual([])
    expect(await shared.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [ALICE.address] })).toBe(parseEther('1000000') - 1234n)
    expect(proxy.state.exchanges.filter((e) => e.includes('eth_getProof'))).toHaveLength(1)
  })

  it('refuses a lying balance even when the access list claims another slot value', async () => {
    proxy.state.tamper = (m, _p, r) =>
      m === 'eth_getProof' && r.storageProof?.length ? { ...r, storageProof: r.storageProof.map((s: any) => ({ ...s, value: '0x99999' })) } : r
    try {
      const { request, client: rpcClient } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [proxy.url], chainId: 31337 })
      const data = encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [BOB] })
      await expect(request({ method: 'eth_call', params: [{ to: token, data }, 'latest'] })).rejects.toThrow(/No honest RPC provider is left for .*: the only one served data that failed verification\./)
      expect(rpcClient.providers()[0].faulty).toBe(true)
    } finally {
      proxy.state.tamper = undefined
    }
  })

  it('reverts like the node does for an overdrawn transfer', async () => {
    await expect(
      client().call({ account: BOB, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [ALICE.address, 10n ** 30n] }) }),
    ).rejects.toThrow(/revert/)
  })

  it('estimates gas like anvil for a transfer and a plain ETH transfer', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 5n] })
    const ours = await client().estimateGas({ account: ALICE.address, to: token, data })
    const theirs = await plain().estimateGas({ account: ALICE.address, to: token, data })
    expect(ours).toBe(theirs)
    expect(await client().estimateGas({ account: ALICE.address, to: BOB, value: 1n })).toBe(21000n)
  })
})
