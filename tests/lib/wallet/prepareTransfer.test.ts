import { type Address, parseEther, parseUnits } from 'viem'
import { describe, expect, it } from 'vitest'
import type { VerifiedClient } from '../../../src/lib/rpc/createVerifiedClient.ts'
import { InsufficientBalanceError, InsufficientFundsForFeeError } from '../../../src/lib/wallet/errors.ts'
import { prepareTransfer } from '../../../src/lib/wallet/prepareTransfer.ts'
import type { Token } from '../../../src/lib/wallet/token.ts'
import { twoBlockReads } from './twoBlockReads.ts'

const from: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const token: Token = { chainId: 31337, address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'TST', decimals: 6 }
const baseFeePerGas = 1_000_000_000n

/**
 * A verified client over two blocks (twoBlockReads). At 37 the account has spent most of its ETH and
 * tokens and its nonce is one higher. Every block asked for is recorded.
 */
function twoBlocks() {
  const block36 = { balance: parseEther('1'), tokens: parseUnits('100', 6), nonce: 5 }
  const block37 = { balance: parseEther('0.001'), tokens: parseUnits('1', 6), nonce: 6 }
  const { at, asked } = twoBlockReads(block36, block37)
  const client = {
    getBalance: async ({ blockNumber }: { blockNumber?: bigint }) => at('getBalance', blockNumber).balance,
    getTransactionCount: async ({ blockNumber }: { blockNumber?: bigint }) => at('getTransactionCount', blockNumber).nonce,
    readContract: async ({ functionName, blockNumber }: { functionName: string; blockNumber?: bigint }) => at(`readContract(${functionName})`, blockNumber).tokens,
    estimateGas: async ({ data, blockNumber }: { data?: string; blockNumber?: bigint }) => (at('estimateGas', blockNumber), data ? 50_000n : 21_000n),
  }
  return { client: client as unknown as VerifiedClient, asked }
}

describe('prepareTransfer', () => {
  it("reads an ETH transfer's balance, nonce and gas at the block the review names, not at whatever 'latest' has become", async () => {
    const { client, asked } = twoBlocks()
    const { review } = await prepareTransfer({ client, chainId: 31337, from, to, amount: parseEther('0.5'), baseFeePerGas, blockNumber: 36n })
    expect(asked.sort()).toEqual(['estimateGas@36', 'getBalance@36', 'getTransactionCount@36'])
    expect(review.nonce).toBe(5)
    expect(review.ethBalance).toBe(parseEther('1'))
  })

  it("reads an ERC-20 transfer's token balance there too", async () => {
    const { client, asked } = twoBlocks()
    const { review } = await prepareTransfer({ client, chainId: 31337, from, to, amount: parseUnits('50', 6), token, baseFeePerGas, blockNumber: 36n })
    expect(asked.sort()).toEqual(['estimateGas@36', 'getBalance@36', 'getTransactionCount@36', 'readContract(balanceOf)@36'])
    expect(review.tokenBalance).toBe(parseUnits('100', 6))
    expect(review.nonce).toBe(5)
  })

  it('a refusal is what the named block says, and names it', async () => {
    const { client } = twoBlocks()
    // At 36 the amounts are covered: not refused under 36's name because 'latest' (37) cannot cover them.
    await expect(prepareTransfer({ client, chainId: 31337, from, to, amount: parseEther('0.5'), baseFeePerGas, blockNumber: 36n })).resolves.toBeDefined()
    await expect(prepareTransfer({ client, chainId: 31337, from, to, amount: parseUnits('50', 6), token, baseFeePerGas, blockNumber: 36n })).resolves.toBeDefined()
    // At 37 they are not: refused, naming 37, the block actually read.
    await expect(prepareTransfer({ client, chainId: 31337, from, to, amount: parseEther('0.5'), baseFeePerGas, blockNumber: 37n }))
      .rejects.toSatisfy((e: unknown) => e instanceof InsufficientBalanceError && e.block === 37n && e.message.includes('verified at block 37'))
    await expect(prepareTransfer({ client, chainId: 31337, from, to, amount: parseUnits('50', 6), token, baseFeePerGas, blockNumber: 37n }))
      .rejects.toSatisfy((e: unknown) => e instanceof InsufficientBalanceError && e.block === 37n && e.message === 'The amount (50 TST) is more than the balance (1 TST) verified at block 37.')
    // The amount fits at 37 but not with the fee: the fee refusal names 37 too.
    await expect(prepareTransfer({ client, chainId: 31337, from, to, amount: parseEther('0.001'), baseFeePerGas, blockNumber: 37n }))
      .rejects.toSatisfy((e: unknown) => e instanceof InsufficientFundsForFeeError && e.block === 37n && e.message.includes('(verified at block 37)'))
  })
})
