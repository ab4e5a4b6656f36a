import { http, type Chain, type Hex, createPublicClient, createWalletClient, defineChain, encodeFunctionData, erc20Abi, getContractAddress } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import type { Devnet } from '../devnet/startDevnet.ts'
import { TEST_TOKEN_INIT } from './testToken.ts'

/** The devnet as a viem chain (its own chain id). */
export function devnetChain({ devnet }: { devnet: Pick<Devnet, 'chainId' | 'rpcUrl'> }): Chain {
  return defineChain({ id: devnet.chainId, name: `devnet ${devnet.chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [devnet.rpcUrl] } } })
}

export type ChainData = { token: Hex; transferHash: Hex; blockNumber: bigint; holder: Hex; sender: Hex }

/**
 * Deploys the test token and sends one token transfer (a receipt with a log) in the devnet's next
 * block. Returns at once; the promise settles once both are mined (one slot later).
 */
export async function prepareChainData({ devnet }: { devnet: Devnet }): Promise<() => Promise<ChainData>> {
  const account = mnemonicToAccount(devnet.mnemonic)
  const transport = http(devnet.rpcUrl)
  const wallet = createWalletClient({ account, chain: devnetChain({ devnet }), transport })
  const client = createPublicClient({ chain: devnetChain({ devnet }), transport })
  const nonce = await client.getTransactionCount({ address: account.address, blockTag: 'pending' })
  const token = getContractAddress({ from: account.address, nonce: BigInt(nonce) })
  const holder = devnet.accounts[1]!
  // Explicit gas and nonces: with automine off, the transfer is sent before the token exists.
  await wallet.sendTransaction({ data: TEST_TOKEN_INIT, gas: 300_000n, nonce })
  const transferHash = await wallet.sendTransaction({
    to: token, gas: 100_000n, nonce: nonce + 1,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [holder, 1234n * 10n ** 18n] }),
  })
  return async () => {
    const receipt = await client.waitForTransactionReceipt({ hash: transferHash, timeout: 60_000, pollingInterval: 500 })
    if (receipt.status !== 'success') throw new Error(`the token transfer ${transferHash} reverted`)
    return { token, transferHash, blockNumber: receipt.blockNumber, holder, sender: account.address }
  }
}
