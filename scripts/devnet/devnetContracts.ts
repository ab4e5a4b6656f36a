import { type Address, type Hex, encodeDeployData, encodeFunctionData, getContractAddress, keccak256, labelhash, namehash, toBytes } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { compileContract } from '../contracts/compileContract.ts'
import { DEV_MNEMONIC } from './anvil.ts'
import type { JsonRpc } from './jsonRpc.ts'

/**
 * Index (in the dev mnemonic) of the account that deploys and administers the devnet's contracts.
 * Not one of the ten listed dev accounts, so their balances and nonces stay untouched; anvil funds
 * it when contracts are asked for (an 11th account).
 */
export const DEPLOYER_INDEX = 10

export const DEV_NAME = 'dev.eth'

/** What the devnet deployed, written to devnet.json (`contracts`). */
export type DevnetContracts = {
  deployer: Address
  ens?: {
    registry: Address
    publicResolver: Address
    reverseRegistrar: Address
    universalResolver: Address
    /** names registered, with the address each resolves to (each has its reverse record) */
    names: Record<string, Address>
  }
  priceFeeds?: {
    /** Chainlink-style ETH/USD feed (AggregatorV3Interface) */
    ethUsd: { address: Address; decimals: number; description: string; heartbeatSeconds: number }
  }
}

export type SendDevnetContractsParameters = {
  rpc: JsonRpc
  chainId: number
  /** who dev.eth names (the first dev account) */
  devAccount: Address
  ens: boolean
  priceFeed: boolean
}

/** The ETH/USD answer the devnet feed posts: $3,000 with 8 decimals, as Chainlink's USD feeds. */
export const DEVNET_ETH_USD = 3000_00000000n
export const DEVNET_FEED_HEARTBEAT_SECONDS = 3600

type Tx = { to?: Address; data: Hex; gas: bigint }

export function devnetDeployer() {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: DEPLOYER_INDEX })
}

/**
 * Signs and submits every transaction that sets up the devnet's ENS and price feed, with fixed
 * nonces and gas so that they need no mined block in between (addresses follow from the
 * deployer's nonces); the next mined block carries them all. Returns what they will create and
 * the hashes to confirm once mined (`confirmDevnetContracts`).
 */
export async function sendDevnetContracts(params: SendDevnetContractsParameters): Promise<{ contracts: DevnetContracts; hashes: Hex[] }> {
  const deployer = devnetDeployer()
  const startNonce = BigInt(await params.rpc<Hex>('eth_getTransactionCount', [deployer.address, 'pending']))
  const txs: Tx[] = []
  const next = () => getContractAddress({ from: deployer.address, nonce: startNonce + BigInt(txs.length) })
  const deploy = async (file: string, name: string, args: readonly unknown[]) => {
    const c = await compileContract(file, name)
    const address = next()
    txs.push({ data: encodeDeployData({ abi: c.abi, bytecode: c.bytecode, args }), gas: 6_000_000n })
    return { address, abi: c.abi }
  }
  const call = (target: { address: Address; abi: readonly unknown[] }, functionName: string, args: readonly unknown[]) =>
    txs.push({ to: target.address, data: encodeFunctionData({ abi: target.abi as never, functionName, args } as never), gas: 400_000n })

  const contracts: DevnetContracts = { deployer: deployer.address }
  if (params.ens) {
    const registry = await deploy('Ens.sol', 'EnsRegistry', [])
    const resolver = await deploy('Ens.sol', 'PublicResolver', [registry.address])
    const reverse = await deploy('Ens.sol', 'ReverseRegistrar', [registry.address, resolver.address])
    const universal = await deploy('UniversalResolver.sol', 'UniversalResolver', [registry.address])
    const root = `0x${'00'.repeat(32)}` as Hex
    call(registry, 'setSubnodeOwner', [root, labelhash('eth'), deployer.address])
    call(registry, 'setSubnodeRecord', [namehash('eth'), labelhash('dev'), deployer.address, resolver.address, 0n])
    call(resolver, 'setAddr', [namehash(DEV_NAME), params.devAccount])
    call(resolver, 'setText', [namehash(DEV_NAME), 'description', 'The first Latchkey devnet account'])
    call(registry, 'setSubnodeOwner', [root, labelhash('reverse'), deployer.address])
    call(registry, 'setSubnodeOwner', [namehash('reverse'), labelhash('addr'), reverse.address])
    call(reverse, 'setController', [deployer.address, true])
    call(reverse, 'setNameForAddr', [params.devAccount, params.devAccount, DEV_NAME])
    // The name is the account's own from here on (it may change its records).
    call(registry, 'setOwner', [namehash(DEV_NAME), params.devAccount])
    contracts.ens = {
      registry: registry.address,
      publicResolver: resolver.address,
      reverseRegistrar: reverse.address,
      universalResolver: universal.address,
      names: { [DEV_NAME]: params.devAccount },
    }
  }
  if (params.priceFeed) {
    const description = 'ETH / USD'
    const feed = await deploy('DevnetPriceFeed.sol', 'DevnetPriceFeed', [8, description, DEVNET_ETH_USD])
    contracts.priceFeeds = { ethUsd: { address: feed.address, decimals: 8, description, heartbeatSeconds: DEVNET_FEED_HEARTBEAT_SECONDS } }
  }
  const hashes = await submit(params, txs, startNonce)
  return { contracts, hashes }
}

async function submit({ rpc, chainId }: Pick<SendDevnetContractsParameters, 'rpc' | 'chainId'>, txs: Tx[], startNonce: bigint): Promise<Hex[]> {
  const deployer = devnetDeployer()
  const hashes: Hex[] = []
  for (const [i, tx] of txs.entries()) {
    const raw = await deployer.signTransaction({
      chainId, type: 'eip1559', nonce: Number(startNonce) + i, gas: tx.gas, to: tx.to, data: tx.data,
      maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n,
    })
    hashes.push(await rpc<Hex>('eth_sendRawTransaction', [raw]))
    if (hashes[i] !== keccak256(toBytes(raw))) throw new Error(`anvil answered another hash for devnet contract transaction ${i}`)
  }
  return hashes
}

/** Throws unless every transaction was mined and succeeded (a devnet without working ENS must not start). */
export async function confirmDevnetContracts(rpc: JsonRpc, hashes: Hex[]): Promise<void> {
  for (const [i, hash] of hashes.entries()) {
    const receipt = await rpc<{ status: Hex } | null>('eth_getTransactionReceipt', [hash])
    if (!receipt) throw new Error(`devnet contract transaction ${i} (${hash}) was not mined`)
    if (receipt.status !== '0x1') throw new Error(`devnet contract transaction ${i} (${hash}) reverted`)
  }
}

/** Posts a fresh round to the devnet's feed (its "oracle"), as Chainlink does once per heartbeat. */
export async function postDevnetPrice({ rpc, chainId, feed, answer = DEVNET_ETH_USD, updatedAt }: { rpc: JsonRpc; chainId: number; feed: Address; answer?: bigint; updatedAt?: bigint }): Promise<Hex> {
  const abi = (await compileContract('DevnetPriceFeed.sol', 'DevnetPriceFeed')).abi
  const data = updatedAt === undefined
    ? encodeFunctionData({ abi, functionName: 'postRound', args: [answer] })
    : encodeFunctionData({ abi, functionName: 'postRoundAt', args: [answer, updatedAt] })
  const nonce = BigInt(await rpc<Hex>('eth_getTransactionCount', [devnetDeployer().address, 'pending']))
  const [hash] = await submit({ rpc, chainId }, [{ to: feed, data, gas: 200_000n }], nonce)
  return hash!
}
