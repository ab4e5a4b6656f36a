import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CID } from 'multiformats/cid'
import { type Address, type Hex, decodeAbiParameters, encodeAbiParameters, encodeFunctionData, labelhash, namehash } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { compileContract } from '../../../scripts/contracts/compileContract.ts'
import { deployContract } from '../../../scripts/contracts/deployContract.ts'
import { DEPLOYER_INDEX, DEV_NAME, devnetDeployer } from '../../../scripts/devnet/devnetContracts.ts'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { rpc } from '../execution/startAnvil.ts'

/** A CCIP-read gateway on loopback that answers every addr() query with `answer`, counting requests (preflights not counted). */
export async function startTestGateway(answer: Address) {
  const state = { requests: 0 }
  const server: Server = createServer((req, res) => {
    // Browsers ask first (a JSON POST from another origin): a real gateway answers CORS like this.
    res.setHeader('access-control-allow-origin', '*')
    res.setHeader('access-control-allow-headers', 'content-type')
    if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      state.requests++
      const { data } = JSON.parse(raw) as { data: Hex }
      // The resolver asked with abi.encode(name, data); data is addr(node): answer as addr() would.
      decodeAbiParameters([{ type: 'bytes' }, { type: 'bytes' }], data)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ data: encodeAbiParameters([{ type: 'address' }], [answer]) }))
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return { url, state, stop: () => new Promise<void>((ok) => server.close(() => ok())) }
}

/**
 * Registers `label.eth` on the devnet's ENS with the offchain test resolver pointing at
 * `gatewayUrl` (from the devnet's deployer, who owns .eth), and waits for it to be mined.
 */
export async function registerOffchainName(devnet: Devnet, label: string, gatewayUrl: string): Promise<Address> {
  const resolver = await deployContract({ rpcUrl: devnet.rpcUrl, file: 'TestOffchainResolver.sol', contract: 'TestOffchainResolver', args: [gatewayUrl], fromAccount: DEPLOYER_INDEX })
  const registry = await compileContract('Ens.sol', 'EnsRegistry')
  const deployer = devnetDeployer()
  const nonce = Number(await rpc<Hex>(devnet.rpcUrl, 'eth_getTransactionCount', [deployer.address, 'pending']))
  const raw = await deployer.signTransaction({
    chainId: devnet.chainId, type: 'eip1559', nonce, gas: 300_000n, maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n,
    to: devnet.contracts!.ens!.registry,
    data: encodeFunctionData({ abi: registry.abi, functionName: 'setSubnodeRecord', args: [namehash('eth'), labelhash(label), deployer.address, resolver.address, 0n] }),
  })
  const hash = await rpc<Hex>(devnet.rpcUrl, 'eth_sendRawTransaction', [raw])
  while (!(await rpc<unknown>(devnet.rpcUrl, 'eth_getTransactionReceipt', [hash]))) await new Promise((r) => setTimeout(r, 100))
  return resolver.address
}

/** Sets `address`'s reverse record to `name` (the deployer is the reverse registrar's controller), and waits for it to be mined. */
export async function setReverseRecord(devnet: Devnet, address: Address, name: string): Promise<bigint> {
  const registrar = await compileContract('Ens.sol', 'ReverseRegistrar')
  const deployer = devnetDeployer()
  const nonce = Number(await rpc<Hex>(devnet.rpcUrl, 'eth_getTransactionCount', [deployer.address, 'pending']))
  const raw = await deployer.signTransaction({
    chainId: devnet.chainId, type: 'eip1559', nonce, gas: 400_000n, maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n,
    to: devnet.contracts!.ens!.reverseRegistrar,
    data: encodeFunctionData({ abi: registrar.abi, functionName: 'setNameForAddr', args: [address, address, name] }),
  })
  const hash = await rpc<Hex>(devnet.rpcUrl, 'eth_sendRawTransaction', [raw])
  let receipt: { blockNumber: Hex } | null
  while (!(receipt = await rpc<{ blockNumber: Hex } | null>(devnet.rpcUrl, 'eth_getTransactionReceipt', [hash]))) await new Promise((r) => setTimeout(r, 100))
  return BigInt(receipt.blockNumber)
}

/**
 * dev.eth becomes a release record: contenthash = the CID (ENSIP-7: 0xe301 + the CID's bytes),
 * `latchkey.commit` = the commit; sent by its owner, the first dev account. Waits until both are
 * mined and returns the block that holds the later one (a read at or past it sees the record).
 */
export async function setReleaseRecord(devnet: Devnet, cid: CID, commit: string): Promise<bigint> {
  const resolver = await compileContract('Ens.sol', 'PublicResolver')
  const owner = mnemonicToAccount(devnet.mnemonic, { addressIndex: 0 })
  const node = namehash(DEV_NAME)
  const contenthash = `0xe301${Buffer.from(cid.bytes).toString('hex')}` as Hex
  let nonce = Number(await rpc<Hex>(devnet.rpcUrl, 'eth_getTransactionCount', [owner.address, 'pending']))
  const hashes: Hex[] = []
  for (const data of [
    encodeFunctionData({ abi: resolver.abi, functionName: 'setContenthash', args: [node, contenthash] }),
    encodeFunctionData({ abi: resolver.abi, functionName: 'setText', args: [node, 'latchkey.commit', commit] }),
  ]) {
    const raw = await owner.signTransaction({ chainId: devnet.chainId, type: 'eip1559', nonce: nonce++, gas: 300_000n, maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, to: devnet.contracts!.ens!.publicResolver, data })
    hashes.push(await rpc<Hex>(devnet.rpcUrl, 'eth_sendRawTransaction', [raw]))
  }
  let minedAt = 0n
  for (const hash of hashes) {
    let receipt: { status: Hex; blockNumber: Hex } | null
    while (!(receipt = await rpc<{ status: Hex; blockNumber: Hex } | null>(devnet.rpcUrl, 'eth_getTransactionReceipt', [hash]))) await new Promise((r) => setTimeout(r, 100))
    if (receipt.status !== '0x1') throw new Error(`setting the release record failed: ${hash}`)
    if (BigInt(receipt.blockNumber) > minedAt) minedAt = BigInt(receipt.blockNumber)
  }
  return minedAt
}
