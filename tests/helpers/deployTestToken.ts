import { type Address, createPublicClient, createWalletClient, defineChain, erc20Abi, http, stringToHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { deployContract } from '../../scripts/contracts/deployContract.ts'
import { DEV_MNEMONIC } from '../../scripts/devnet/anvil.ts'
import { rpc } from '../lib/execution/startAnvil.ts'

export type DeployTestTokenParameters = {
  rpcUrl: string
  /** TestTokens.sol's OpenZeppelin TestToken, or one of TestTokenVariants.sol's odd ones */
  contract?: 'TestToken' | 'ReasonRevertToken' | 'Bytes32SymbolToken'
  symbol: string
  decimals: number
  /** who holds the supply: the deployer sends each its amount by a real transfer (with its Transfer log) */
  holders?: readonly { address: Address; amount: bigint }[]
  /** the dev account (DEV_MNEMONIC) that deploys; 9 by default, an account no test sends from */
  fromAccount?: number
  /** the anvil was started with --no-mining: automine is switched on for the deployment, and off again */
  noMining?: boolean
}

export type DeployTestTokenReturnType = { address: Address; deployer: Address; /** the block of the last transfer (or the deployment) */ blockNumber: bigint }

/**
 * Deploys a test ERC-20 compiled from scripts/contracts/sources (the real constructor runs, so
 * name, symbol and decimals are what the chain would hold) and hands out its supply.
 */
export async function deployTestToken(params: DeployTestTokenParameters): Promise<DeployTestTokenReturnType> {
  const { rpcUrl, contract = 'TestToken', symbol, decimals, holders = [], fromAccount = 9 } = params
  const supply = holders.reduce((sum, h) => sum + h.amount, 0n)
  const args = contract === 'Bytes32SymbolToken' ? [stringToHex(symbol, { size: 32 }), decimals, supply] : [`Test ${symbol}`, symbol, decimals, supply]
  const file = contract === 'TestToken' ? 'TestTokens.sol' : 'TestTokenVariants.sol'
  if (params.noMining) await rpc(rpcUrl, 'evm_setAutomine', [true])
  try {
    const deployed = await deployContract({ rpcUrl, file, contract, args, fromAccount })
    const chain = defineChain({ id: Number(await rpc<string>(rpcUrl, 'eth_chainId')), name: 'test', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } })
    const wallet = createWalletClient({ account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: fromAccount }), chain, transport: http(rpcUrl) })
    const client = createPublicClient({ chain, transport: http(rpcUrl) })
    let blockNumber = deployed.blockNumber
    for (const { address, amount } of holders) {
      const hash = await wallet.writeContract({ address: deployed.address, abi: erc20Abi, functionName: 'transfer', args: [address, amount] })
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 100 })
      if (receipt.status !== 'success') throw new Error(`the transfer of ${amount} ${symbol} to ${address} reverted`)
      blockNumber = receipt.blockNumber
    }
    return { address: deployed.address, deployer: deployed.deployer, blockNumber }
  } finally {
    if (params.noMining) await rpc(rpcUrl, 'evm_setAutomine', [false])
  }
}
