import { createWalletClient, createPublicClient, defineChain, http, type Address, type Hex, encodeDeployData } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { DEV_MNEMONIC } from '../devnet/anvil.ts'
import { compileContract, type CompiledContract } from './compileContract.ts'

export class ContractDeployError extends Error {
  override name = 'ContractDeployError'
  constructor(contract: string, hash: Hex) {
    super(`deploying ${contract} reverted (transaction ${hash}); check the constructor arguments`)
  }
}

export type DeployParameters = {
  rpcUrl: string
  /** scripts/contracts/sources/FILE and the contract's name in it */
  file: string
  contract: string
  args?: readonly unknown[]
  /** index of the dev account (DEV_MNEMONIC) that deploys; default 0 */
  fromAccount?: number
}

export type Deployed = CompiledContract & { address: Address; deployer: Address; transactionHash: Hex; blockNumber: bigint }

/** Compiles and deploys a contract on an anvil devnet from a dev account, waiting for its receipt. */
export async function deployContract(params: DeployParameters): Promise<Deployed> {
  const compiled = await compileContract(params.file, params.contract)
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: params.fromAccount ?? 0 })
  const transport = http(params.rpcUrl)
  const client = createPublicClient({ transport })
  const id = await client.getChainId()
  const chain = defineChain({ id, name: `devnet ${id}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [params.rpcUrl] } } })
  const wallet = createWalletClient({ account, chain, transport })
  const data = encodeDeployData({ abi: compiled.abi, bytecode: compiled.bytecode, args: params.args ?? [] })
  const hash = await wallet.sendTransaction({ data })
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 100 })
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new ContractDeployError(params.contract, hash)
  return { ...compiled, address: receipt.contractAddress, deployer: account.address, transactionHash: hash, blockNumber: receipt.blockNumber }
}
