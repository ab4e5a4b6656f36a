import type { Address, PublicClient } from 'viem'
import { createPublicClient, createTestClient, erc20Abi, http, parseEther, parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RpcBlockHeader, VerifiedExecutionHeader, VerifiedHeaderSource } from '../../../src/lib/execution/types.ts'
import { verifyBlockHeader } from '../../../src/lib/execution/verifyBlockHeader.ts'
import { toExecutionHeader } from '../../../src/lib/rpc/toExecutionHeader.ts'
import { verified } from '../../../src/lib/rpc/verified.ts'
import { createMemoryActivityStore } from '../../../src/lib/wallet/activityStore.ts'
import { createReplacement } from '../../../src/lib/wallet/createReplacement.ts'
import { deriveHdAccount } from '../../../src/lib/wallet/deriveHdAccount.ts'
import { getTokenMetadata } from '../../../src/lib/wallet/getTokenMetadata.ts'
import { prepareTransfer } from '../../../src/lib/wallet/prepareTransfer.ts'
import { refreshActivity } from '../../../src/lib/wallet/refreshActivity.ts'
import { sendTransfer } from '../../../src/lib/wallet/sendTransfer.ts'
import type { TestAnvil } from './anvil.ts'
import { startTestAnvil } from './anvil.ts'
import { deployTestToken } from '../../helpers/deployTestToken.ts'

// The sending flow through src/lib/rpc's verified transport: balances and nonces from account
// proofs, gas and token reads from the local EVM over proven state, base fee from the verified
// header. The headers come from anvil itself (hash-checked) in place of the light client here;
// the devnet test with the real light client belongs with the devnet suite.
// If src/lib/rpc cannot verify receipts (its eth_getTransactionReceipt handler is recent), the
// receipt may pass through unverified (allowUnverified); every such pass-through is counted, and
// no other method may bypass verification.

const mnemonic = 'test test test test test test test test test test test junk'
const chainId = 31337
let tokenAddress: Address
let anvil: TestAnvil
let client: PublicClient
let plain: PublicClient
let test: ReturnType<typeof createTestClient>
const unverified: string[] = []

function anvilHeaders(url: string): VerifiedHeaderSource {
  const get = async (tag: string): Promise<VerifiedExecutionHeader> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: [tag, false] }) })
    const header = ((await res.json()) as { result: RpcBlockHeader }).result
    return toExecutionHeader({ header: verifyBlockHeader({ header, blockHash: header.hash }) })
  }
  return {
    async getExecutionHeader(block) {
      if (block === 'latest' || block === 'finalized') return get('latest')
      return get(`0x${block.toString(16)}`)
    },
  }
}
const headers = () => anvilHeaders(anvil.url)
const account = (i: number) => deriveHdAccount({ mnemonic, index: i })

beforeAll(async () => {
  anvil = await startTestAnvil({ chainId })
  client = createPublicClient({
    transport: verified({ headers: headers(), rpcs: [anvil.url], chainId, allowUnverified: ['eth_getTransactionReceipt'], onUnverified: ({ method }) => unverified.push(method) }),
  }) as PublicClient
  plain = createPublicClient({ transport: http(anvil.url) }) as PublicClient
  test = createTestClient({ mode: 'anvil', transport: http(anvil.url) })
  // An OpenZeppelin ERC-20 compiled from source, 1000 TST sent to account 0 by a dev account no test uses.
  const holders = [{ address: account(0).address, amount: parseUnits('1000', 6) }]
  tokenAddress = (await deployTestToken({ rpcUrl: anvil.url, symbol: 'TST', decimals: 6, holders, noMining: true })).address
  await test.mine({ blocks: 1 })
})
afterAll(async () => {
  await anvil?.stop()
})

describe('sending through the verified transport', () => {
  it('ETH then ERC-20: verified reads before, send, verified balances after; a speed-up replaces a slow one', async () => {
    const activity = createMemoryActivityStore()
    const from = account(0).address
    const to = account(1).address
    const { token } = await getTokenMetadata({ client, chainId, address: tokenAddress })
    expect(token).toMatchObject({ symbol: 'TST', decimals: 6 })

    const baseFee = async () => (await headers().getExecutionHeader('latest')).baseFeePerGas
    const ethBefore = await client.getBalance({ address: to })
    const eth = await prepareTransfer({ client, chainId, from, to, amount: parseEther('0.25'), baseFeePerGas: await baseFee() })
    expect(eth.review.gas).toBe(21000n)
    await sendTransfer({ client, account: account(0), transaction: eth.transaction, activity, summary: { recipient: to, amount: parseEther('0.25'), symbol: 'ETH', decimals: 18 } })
    await test.mine({ blocks: 1 })

    const erc = await prepareTransfer({ client, chainId, from, to, amount: parseUnits('7', 6), token, baseFeePerGas: await baseFee() })
    expect(erc.review.nonce).toBe(1)
    expect(erc.review.tokenBalance).toBe(1_000_000_000n)
    // the verified estimate (local EVM) plus margin covers what the node itself estimates
    const nodeEstimate = await plain.estimateGas({ account: from, to: tokenAddress, data: erc.transaction.data })
    expect(erc.review.gas).toBeGreaterThanOrEqual(nodeEstimate)
    await sendTransfer({ client, account: account(0), transaction: erc.transaction, activity, summary: { recipient: to, amount: parseUnits('7', 6), symbol: 'TST', decimals: 6, token: tokenAddress } })
    await test.mine({ blocks: 1 })

    const changed = await refreshActivity({ client, activity, chainId })
    expect(changed.map((r) => r.status)).toEqual(['success', 'success'])
    expect(await client.getBalance({ address: to })).toBe(ethBefore + parseEther('0.25'))
    expect(await client.readContract({ address: tokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [to] })).toBe(parseUnits('7', 6))

    // speed-up
    const slow = await prepareTransfer({ client, chainId, from, to, amount: parseEther('0.1'), baseFeePerGas: await baseFee(), maxPriorityFeePerGas: 1n })
    expect(slow.review.nonce).toBe(2)
    const s = await sendTransfer({ client, account: account(0), transaction: slow.transaction, activity, summary: { recipient: to, amount: parseEther('0.1'), symbol: 'ETH', decimals: 18 } })
    const fast = await sendTransfer({ client, account: account(0), ...createReplacement({ original: s.record, mode: 'speedUp', baseFeePerGas: await baseFee() }), activity })
    await test.mine({ blocks: 1 })
    const after = Object.fromEntries((await refreshActivity({ client, activity, chainId })).map((r) => [r.hash, r.status]))
    expect(after).toEqual({ [fast.hash]: 'success', [s.hash]: 'replaced' })
    expect(await client.getTransactionCount({ address: from })).toBe(3)
    // nothing but (possibly) receipts bypassed verification (see the note at the top)
    expect(unverified.filter((m) => m !== 'eth_getTransactionReceipt')).toEqual([])
  })
})
