import { bls12_381 } from '@noble/curves/bls12-381.js'
import { http, type Address, type Hex, createWalletClient, decodeFunctionResult, encodeFunctionData, erc20Abi, keccak256, numberToHex, parseAbi, parseEther, parseSignature, stringToHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Deployed, deployContract } from '../../../scripts/contracts/deployContract.ts'
import { createRpcClient } from '../../../src/lib/rpc/createRpcClient.ts'
import { createVerifiedRequest } from '../../../src/lib/rpc/createVerifiedRequest.ts'
import { getTransactionPreview } from '../../../src/lib/rpc/getTransactionPreview.ts'
import { anvilHeaderSource } from '../rpc/anvilHeaderSource.ts'
import { startTamperingProxy } from '../rpc/tamperingProxy.ts'
import { type Anvil, rpc, startAnvil, waitForReceipt } from './startAnvil.ts'

// The local EVM (runCallAsTransaction over @ethereumjs/evm, no @ethereumjs/vm) against anvil's own
// eth_call and eth_estimateGas at the same block, for each hardfork the devnets run: every call
// goes through the verified transport (proofs from anvil, checked against its header).
const ALICE = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const BOB: Address = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const probeAbi = parseAbi([
  'function blockContext() view returns (uint256,uint256,uint256,uint256,uint256,address,uint256,uint256,uint256,address,address)',
  'function gasLeft() view returns (uint256)',
  'function hashes(bytes) view returns (bytes32,bytes20,bytes)',
  'function recover(bytes32,uint8,bytes32,bytes32) pure returns (address)',
  'function precompile(address,bytes) view returns (bool,bytes)',
  'function fail(string) pure',
  'function burn() view returns (uint256)',
  'function churn()',
  'function ignore(bytes) pure',
])
const probe = (functionName: string, args: readonly unknown[] = []) => encodeFunctionData({ abi: probeAbi, functionName: functionName as never, args: args as never })
const word = (n: bigint) => numberToHex(n, { size: 32 }).slice(2)
const precompileAt = (n: number) => numberToHex(n, { size: 20 })

type Answer = { result: Hex } | { error: { message: string; data?: Hex } }
async function anvilAnswer(url: string, method: string, call: object): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [call, 'latest'] }) })
  const body = await response.json()
  return body.error ? { error: body.error } : { result: body.result }
}

describe.each(['prague', 'osaka'])('the local EVM answers like anvil (--hardfork %s)', (hardfork) => {
  let anvil: Anvil
  let proxy: Awaited<ReturnType<typeof startTamperingProxy>>
  let token: Deployed
  let probeContract: Deployed
  beforeAll(async () => {
    anvil = await startAnvil({ args: ['--hardfork', hardfork] })
    proxy = await startTamperingProxy({ upstream: anvil.url })
    token = await deployContract({ rpcUrl: anvil.url, file: 'TestTokens.sol', contract: 'TestToken', args: ['Probe token', 'PRB', 6, parseEther('1')] })
    probeContract = await deployContract({ rpcUrl: anvil.url, file: 'EvmProbe.sol', contract: 'EvmProbe' })
  }, 120_000)
  afterAll(async () => {
    await proxy?.stop()
    await anvil?.stop()
  })
  const ours = async (method: string, call: object): Promise<Answer> => {
    const { request } = createVerifiedRequest({ headers: anvilHeaderSource({ url: anvil.url }), rpcs: [proxy.url], chainId: 31337, hardfork })
    return request({ method, params: [call, 'latest'] }).then(
      (result) => ({ result: result as Hex }),
      (error) => ({ error: { message: String(error?.shortMessage ?? error?.message), data: error?.data?.data ?? error?.data } }),
    )
  }

  /** Both at the same block (anvil mines only on transactions): same result, or both refuse with the same revert data. */
  async function expectSameAnswer(method: string, call: object) {
    const head = await rpc(anvil.url, 'eth_blockNumber')
    const [mine, theirs] = [await ours(method, call), await anvilAnswer(anvil.url, method, call)]
    expect(await rpc(anvil.url, 'eth_blockNumber')).toBe(head)
    if ('result' in theirs) expect(mine).toEqual(theirs)
    else {
      expect(mine, `anvil refused (${theirs.error.message})`).toHaveProperty('error')
      if (theirs.error.data) expect((mine as { error: { data?: Hex } }).error.data).toBe(theirs.error.data)
    }
    return { mine, theirs }
  }

  it('ERC-20 reads: balanceOf, decimals, symbol', async () => {
    for (const [functionName, args] of [['balanceOf', [ALICE.address]], ['balanceOf', [BOB]], ['decimals', []], ['symbol', []]] as const)
      await expectSameAnswer('eth_call', { to: token.address, data: encodeFunctionData({ abi: erc20Abi, functionName, args: args as never }) })
  })

  it('a sender with code may call (no EIP-3607 check in eth_call); a sender who cannot pay the value is refused', async () => {
    await expectSameAnswer('eth_call', { from: token.address, to: probeContract.address, data: probe('gasLeft'), gas: '0x186a0' })
    const poor = { from: '0x00000000000000000000000000000000000dead1', to: BOB, value: numberToHex(parseEther('5')) }
    await expectSameAnswer('eth_call', poor)
    // eth_estimateGas: refused as on geth ("insufficient funds for transfer"); anvil estimates 21000 anyway.
    expect(await ours('eth_estimateGas', poor)).toMatchObject({ error: { message: expect.stringMatching(/insufficient funds/) } })
    expect(await anvilAnswer(anvil.url, 'eth_estimateGas', poor)).toEqual({ result: '0x5208' })
  })

  it('the block context: number, timestamp, base fee, chain id, gas limit, coinbase, prevrandao, blob base fee, gas price, origin', async () => {
    // Without a fee, BASEFEE reads 0 as in geth's eth_call (anvil reads the block's): the one field where the two nodes differ.
    const call = { from: ALICE.address, to: probeContract.address, data: probe('blockContext') }
    const { baseFeePerGas } = await rpc(anvil.url, 'eth_getBlockByNumber', ['latest', false])
    const decode = (data: Hex) => decodeFunctionResult({ abi: probeAbi, functionName: 'blockContext', data }) as unknown as unknown[]
    const [mine, theirs] = [decode((await ours('eth_call', call) as { result: Hex }).result), decode((await anvilAnswer(anvil.url, 'eth_call', call) as { result: Hex }).result)]
    expect(theirs[2]).toBe(BigInt(baseFeePerGas))
    expect(mine).toEqual(theirs.with(2, 0n))
    // With a fee, BASEFEE and GASPRICE are the block's, as on anvil.
    await expectSameAnswer('eth_call', { from: ALICE.address, to: probeContract.address, data: probe('blockContext'), gasPrice: numberToHex(BigInt(baseFeePerGas) * 2n) })
    await expectSameAnswer('eth_call', { from: ALICE.address, to: probeContract.address, data: probe('blockContext'), maxFeePerGas: numberToHex(BigInt(baseFeePerGas) * 3n), maxPriorityFeePerGas: '0x7' })
    await expectSameAnswer('eth_call', { to: probeContract.address, data: probe('gasLeft'), gas: '0x186a0' })
  })

  it('precompiles: sha256, ripemd160, identity, ecrecover, modexp, bn254 add and pairing, blake2f, BLS12-381 G1 add', async () => {
    await expectSameAnswer('eth_call', { to: probeContract.address, data: probe('hashes', [stringToHex('latchkey '.repeat(20))]) })
    const hash = keccak256(stringToHex('a message'))
    const { r, s, v } = parseSignature(await ALICE.sign({ hash }))
    const recovered = await expectSameAnswer('eth_call', { to: probeContract.address, data: probe('recover', [hash, Number(v), r, s]) })
    expect((recovered.mine as { result: Hex }).result.toLowerCase()).toContain(ALICE.address.slice(2).toLowerCase())
    const g1 = bls12_381.G1.Point.BASE.toAffine()
    const blsPoint = pad64(g1.x) + pad64(g1.y)
    const inputs: [number, string][] = [
      [5, `${word(1n)}${word(1n)}${word(1n)}03fffe`], // 3 ** 0xff mod 0xfe (modexp; EIP-7883 reprices it in Osaka)
      [6, `${word(1n)}${word(2n)}${word(1n)}${word(2n)}`], // G + G on bn254
      [8, ''], // the empty pairing is true
      [9, blake2fInput],
      [0x0b, blsPoint + blsPoint], // G1 + G1 on BLS12-381
      [0x0c, blsPoint + word(5n)], // 5 * G1 (MSM)
      [0x0f, ''], // an empty pairing input is invalid in EIP-2537: the precompile fails
    ]
    for (const [address, input] of inputs) await expectSameAnswer('eth_call', { to: probeContract.address, data: probe('precompile', [precompileAt(address), `0x${input}`]) })
    // KZG point evaluation (0x0a) needs EIP-4844's trusted setup, which the app does not carry: the
    // call is refused (anvil answers it), never answered as a failed precompile.
    const kzg = await ours('eth_call', { to: probeContract.address, data: probe('precompile', [precompileAt(10), `0x${'00'.repeat(192)}`]) })
    expect(kzg).toMatchObject({ error: { message: expect.stringMatching(/kzg not initialized/) } })
    expect(await anvilAnswer(anvil.url, 'eth_call', { to: probeContract.address, data: probe('precompile', [precompileAt(10), `0x${'00'.repeat(192)}`]) })).toHaveProperty('result')
  })

  it('a revert with its reason, an out-of-gas run and a gas limit under the intrinsic gas: refused by both', async () => {
    const reverted = await expectSameAnswer('eth_call', { to: probeContract.address, data: probe('fail', ['not today']) })
    expect((reverted.mine as { error: { data: Hex } }).error.data).toContain(stringToHex('not today').slice(2))
    const outOfGas = await expectSameAnswer('eth_call', { to: probeContract.address, data: probe('burn'), gas: '0x30d40' })
    expect((outOfGas.mine as { error: { message: string } }).error.message).toMatch(/out of gas/)
    await expectSameAnswer('eth_call', { to: token.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 1n] }), gas: '0x5208' })
    // Code that looks like EOF runs as legacy code (0xEF is an invalid opcode): the build has no EOF (noEvmEof.ts).
    const eofLooking = '0x00000000000000000000000000000000000e0f00'
    await rpc(anvil.url, 'anvil_setCode', [eofLooking, '0xef000101000402000100010400000000800000fe'])
    await rpc(anvil.url, 'evm_mine')
    const invalid = await expectSameAnswer('eth_call', { to: eofLooking, data: '0x' })
    expect((invalid.mine as { error: { message: string } }).error.message).toMatch(/invalid opcode/)
  })

  it('eth_estimateGas: a token transfer, a refund (EIP-3529), the calldata floor (EIP-7623), an ETH transfer and a contract creation', async () => {
    await expectSameAnswer('eth_estimateGas', { from: ALICE.address, to: token.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 5n] }) })
    await expectSameAnswer('eth_estimateGas', { from: ALICE.address, to: probeContract.address, data: probe('churn') })
    await expectSameAnswer('eth_estimateGas', { from: ALICE.address, to: probeContract.address, data: probe('ignore', [`0x${'a7'.repeat(2000)}`]) })
    await expectSameAnswer('eth_estimateGas', { from: ALICE.address, to: BOB, value: '0x1' })
    await expectSameAnswer('eth_estimateGas', { from: ALICE.address, data: probeContract.bytecode })
  })

  it('gas used, as anvil then charges when the transaction is sent: a refund (EIP-3529), the calldata floor (EIP-7623), a creation', async () => {
    const wallet = createWalletClient({ account: ALICE, chain: foundry, transport: http(anvil.url) })
    for (const tx of [
      { to: probeContract.address, data: probe('churn') },
      { to: probeContract.address, data: probe('ignore', [`0x${'a7'.repeat(2000)}`]) },
      { to: token.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [BOB, 5n] }) },
      { to: null, data: probeContract.bytecode },
    ]) {
      const preview = await getTransactionPreview({ headers: anvilHeaderSource({ url: anvil.url }), client: createRpcClient({ urls: [proxy.url] }), chainId: 31337, hardfork, transaction: { from: ALICE.address, ...tx } })
      const receipt = await waitForReceipt(anvil.url, await wallet.sendTransaction(tx.to ? { to: tx.to, data: tx.data } : { data: tx.data }))
      expect(receipt.status).toBe('0x1')
      expect(preview.gasUsed).toBe(BigInt(receipt.gasUsed))
    }
  })

  it('tampered proofs are still refused', async () => {
    proxy.state.tamper = (m, _p, r) => (m === 'eth_getProof' && r.storageProof?.length ? { ...r, storageProof: r.storageProof.map((s: any) => ({ ...s, value: '0x99999' })) } : r)
    try {
      const answer = await ours('eth_call', { to: token.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [ALICE.address] }) })
      expect(answer).toMatchObject({ error: { message: expect.stringMatching(/failed verification/) } })
    } finally {
      proxy.state.tamper = undefined
    }
  })
})

function pad64(n: bigint): string {
  return n.toString(16).padStart(128, '0')
}

// EIP-152's test vector 5 (12 rounds, final block): blake2b-512 of "abc".
const blake2fInput =
  '0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001'
