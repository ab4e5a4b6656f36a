import { type Address, type BlockTag, type Client, numberToHex } from 'viem'

export type VerifiedGetBalanceParameters = { address: Address } & ({ blockNumber?: bigint; blockTag?: undefined } | { blockNumber?: undefined; blockTag?: BlockTag })

/**
 * eth_getBalance as viem's `getBalance` sends it. viem's action can also read a balance through
 * Multicall3 (for clients that batch, which this one does not), and for that imports its `call`
 * with the deployless-call and multicall bytecodes: the page's engine would carry them for nothing.
 */
export async function getBalance(client: Client, { address, blockNumber, blockTag = 'latest' }: VerifiedGetBalanceParameters): Promise<bigint> {
  const block = typeof blockNumber === 'bigint' ? numberToHex(blockNumber) : blockTag
  return BigInt((await client.request({ method: 'eth_getBalance', params: [address, block] })) as string)
}
