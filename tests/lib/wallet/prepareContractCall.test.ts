import { type Address, encodeFunctionData, parseAbi, parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { NoContractCodeError } from '../../../src/lib/contract/errors.ts'
import type { VerifiedClient } from '../../../src/lib/rpc/createVerifiedClient.ts'
import { prepareContractCall } from '../../../src/lib/wallet/prepareContractCall.ts'
import { twoBlockReads } from './twoBlockReads.ts'

const from: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const to: Address = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'
const abi = parseAbi(['function set(uint256 v)'])
const data = encodeFunctionData({ abi, functionName: 'set', args: [50n] })

/**
 * A verified client over two blocks (twoBlockReads). At 37 the account's code is gone (an EIP-7702
 * delegation cleared) and its nonce is one higher. Every block asked for is recorded.
 */
function twoBlocks() {
  const block36 = { code: `0xef0100${'11'.repeat(20)}` as `0x${string}` | undefined, nonce: 5, balance: parseEther('1') }
  const block37 = { code: undefined, nonce: 6, balance: parseEther('0.9') }
  const { at, asked } = twoBlockReads(block36, block37)
  const client = {
    getBalance: async ({ blockNumber }: { blockNumber?: bigint }) => at('getBalance', blockNumber).balance,
    getTransactionCount: async ({ blockNumber }: { blockNumber?: bigint }) => at('getTransactionCount', blockNumber).nonce,
    getCode: async ({ blockNumber }: { blockNumber?: bigint }) => at('getCode', blockNumber).code,
    estimateGas: async ({ blockNumber }: { blockNumber?: bigint }) => (at('estimateGas', blockNumber), 30_000n),
  }
  return { client: client as unknown as VerifiedClient, asked }
}

describe('prepareContractCall', () => {
  it("reads the balance, nonce, code and gas at the block the review names, not at whatever 'latest' has become", async () => {
    const { client, asked } = twoBlocks()
    const { review } = await prepareContractCall({ client, chainId: 31337, from, to, data, abi, baseFeePerGas: 1_000_000_000n, blockNumber: 36n })
    expect(asked.sort()).toEqual(['estimateGas@36', 'getBalance@36', 'getCode@36', 'getTransactionCount@36'])
    expect(review.nonce).toBe(5)
    expect(review.ethBalance).toBe(parseEther('1'))
  })

  it('"no contract (verified at block N)" is what block N says', async () => {
    const { client } = twoBlocks()
    // At 37 the code is gone: refused, naming 37, the block actually read.
    await expect(prepareContractCall({ client, chainId: 31337, from, to, data, abi, baseFeePerGas: 1_000_000_000n, blockNumber: 37n })).rejects.toSatisfy((e: unknown) => e instanceof NoContractCodeError && e.block === 37n)
    // At 36 it is there: not refused under 36's name because 'latest' (37) has none.
    await expect(prepareContractCall({ client, chainId: 31337, from, to, data, abi, baseFeePerGas: 1_000_000_000n, blockNumber: 36n })).resolves.toBeDefined()
  })
})
