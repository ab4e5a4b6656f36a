import { http, createPublicClient, createWalletClient, encodeAbiParameters, encodeFunctionData, erc20Abi, keccak256, parseEther } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployContract } from '../../../scripts/contracts/deployContract.ts'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { createCustomNetwork } from '../../../src/lib/consensus/networks.ts'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import { verified } from '../../../src/lib/rpc/verified.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { type FaultProxy, startFaultProxy } from '../../helpers/faultProxy.ts'

// The whole stack: the light client verifies the devnet's signed headers; RPC answers are checked against them.
let devnet: Devnet
let lc: LightClient
let liar: FaultProxy
let killed: FaultProxy
let token: `0x${string}`
let transferHash: `0x${string}`
let chain: Parameters<typeof createPublicClient>[0]['chain']
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

beforeAll(async () => {
  devnet = await startTestDevnet({ periods: 2 })
  chain = { id: devnet.chainId, name: 'devnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [devnet.rpcUrl] } } }
  const network = createCustomNetwork({
    name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot,
    genesisTime: devnet.genesisTime, beaconApis: [devnet.beaconUrl],
  })
  lc = new LightClient({ network, checkpoint: devnet.checkpointRoot, timeoutMs: 5_000, syncedToleranceSlots: 4, minAgreeingEndpoints: 1 })
  await lc.init()
  liar = await startFaultProxy({ target: devnet.rpcUrl })
  killed = await startFaultProxy({ target: devnet.rpcUrl })
  const account = mnemonicToAccount(devnet.mnemonic)
  const wallet = createWalletClient({ account, chain, transport: http(devnet.rpcUrl) })
  const plain = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
  // An OpenZeppelin ERC-20 compiled from source, its supply minted to the dev account.
  token = (await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestTokens.sol', contract: 'TestToken', args: ['Test token', 'TST', 18, parseEther('1000000')] })).address
  await wallet.sendTransaction({ to: BOB, value: parseEther('2') })
  transferHash = await wallet.writeContract({ address: token, abi: erc20Abi, functionName: 'transfer', args: [BOB, 31n] })
  const { blockNumber } = await plain.waitForTransactionReceipt({ hash: transferHash, pollingInterval: 200 })
  // wait until the light client's verified head includes the transfer
  for (let i = 0; i < 60; i++) {
    await lc.syncOnce()
    if ((lc.state.optimistic?.execution?.number ?? 0n) >= blockNumber) break
    await new Promise((ok) => setTimeout(ok, 500))
  }
  expect(lc.state.optimistic!.execution!.number).toBeGreaterThanOrEqual(blockNumber)
}, 120_000)
afterAll(async () => {
  await liar?.close()
  await killed?.close()
  await devnet?.stop()
})

describe('verified RPC on the devnet, against the light client', () => {
  const client = (rpcs: string[]) => createPublicClient({ chain, transport: verified({ headers: lc, rpcs, chainId: devnet.chainId, timeout: 3000 }) })

  it('answers balance, nonce, code, storage, ERC-20 balanceOf, receipt and gas like anvil, verified', async () => {
    const plain = createPublicClient({ chain, transport: http(devnet.rpcUrl) })
    const head = (await lc.getExecutionHeader('latest')).number
    const ours = client([devnet.rpcUrl])
    expect(await ours.getBlockNumber({ cacheTime: 0 })).toBe(head)
    expect(await ours.getBalance({ address: BOB })).toBe(await plain.getBalance({ address: BOB, blockNumber: head }))
    expect(await ours.getBalance({ address: BOB })).toBeGreaterThanOrEqual(parseEther('10002'))
    const sender = mnemonicToAccount(devnet.mnemonic).address
    expect(await ours.getTransactionCount({ address: sender })).toBe(await plain.getTransactionCount({ address: sender, blockNumber: head }))
    expect(await ours.getCode({ address: token })).toBe(await plain.getCode({ address: token }))
    const slot = keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [BOB, 0n]))
    expect(await ours.getStorageAt({ address: token, slot })).toBe(`0x${'1f'.padStart(64, '0')}`)
    expect(await ours.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [BOB] })).toBe(31n)
    const receipt = await ours.getTransactionReceipt({ hash: transferHash })
    expect(receipt.status).toBe('success')
    expect(receipt.logs).toHaveLength(1)
    const call = { account: sender, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 1n] }) }
    expect(await ours.estimateGas(call)).toBe(await plain.estimateGas({ ...call, blockNumber: head }))
  })

  it('through the fault proxy: a tampered proof marks the provider faulty and the answer comes from an honest one; a killed RPC fails nothing', async () => {
    liar.setRules([{ match: (ctx) => ctx.requestBody.includes('eth_getProof'), fault: { kind: 'tamper', transform: (body) => body.toString().replace(/"balance":"0x[0-9a-f]+"/g, '"balance":"0x1"') } }])
    killed.kill()
    const { request, client: rpc } = createVerifiedRequest({ headers: lc, rpcs: [killed.url, liar.url, devnet.rpcUrl], chainId: devnet.chainId, timeout: 3000 })
    const balance = (await request({ method: 'eth_getBalance', params: [BOB, 'latest'] })) as string
    expect(BigInt(balance)).toBeGreaterThanOrEqual(parseEther('10002'))
    expect(rpc.providers().map((p) => [p.faulty, p.failures > 0])).toEqual([[false, true], [true, true], [false, false]])
    expect(await request({ method: 'eth_call', params: [{ to: token, data: `0x70a08231${BOB.slice(2).toLowerCase().padStart(64, '0')}` }, 'latest'] })).toBe(`0x${'1f'.padStart(64, '0')}`)
  })
})
