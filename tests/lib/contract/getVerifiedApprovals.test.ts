import { http, createPublicClient, createWalletClient, defineChain, getAddress } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployContract, type Deployed } from '../../../scripts/contracts/deployContract.ts'
import { DEV_MNEMONIC } from '../../../scripts/devnet/anvil.ts'
import { getVerifiedApprovals } from '../../../src/lib/contract/getVerifiedApprovals.ts'
import { createRpcClient } from '../../../src/lib/rpc/createRpcClient.ts'
import { anvilHeaderSource } from '../rpc/anvilHeaderSource.ts'
import { startTamperingProxy } from '../rpc/tamperingProxy.ts'
import { type Anvil, startAnvil } from '../execution/startAnvil.ts'

const OWNER = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 0 })
const OTHER = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 })
const SPENDER = getAddress('0x000000000000000000000000000000000000dead')
const OPERATOR = getAddress('0x000000000000000000000000000000000000b0b0')

let anvil: Anvil
let proxy: Awaited<ReturnType<typeof startTamperingProxy>>
let token: Deployed
let nft: Deployed
const blocks: Record<string, bigint> = {}

beforeAll(async () => {
  anvil = await startAnvil()
  proxy = await startTamperingProxy({ upstream: anvil.url })
  token = await deployContract({ rpcUrl: anvil.url, file: 'TestTokens.sol', contract: 'TestToken', args: ['Test', 'TST', 6, 10n ** 12n] })
  nft = await deployContract({ rpcUrl: anvil.url, file: 'TestTokens.sol', contract: 'TestNft', args: ['Nft', 'NFT'] })
  const chain = defineChain({ id: 31337, name: 'anvil', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [anvil.url] } } })
  const client = createPublicClient({ chain, transport: http(anvil.url) })
  const send = async (name: string, account: typeof OWNER, write: Parameters<ReturnType<typeof createWalletClient>['writeContract']>[0]) => {
    const hash = await createWalletClient({ account, chain, transport: http(anvil.url) }).writeContract(write as never)
    blocks[name] = (await client.waitForTransactionReceipt({ hash, pollingInterval: 50 })).blockNumber
  }
  await send('first', OWNER, { address: token.address, abi: token.abi, functionName: 'approve', args: [SPENDER, 100n] } as never)
  await send('other', OTHER, { address: token.address, abi: token.abi, functionName: 'approve', args: [SPENDER, 5n] } as never)
  await send('operator', OWNER, { address: nft.address, abi: nft.abi, functionName: 'setApprovalForAll', args: [OPERATOR, true] } as never)
  await send('second', OWNER, { address: token.address, abi: token.abi, functionName: 'approve', args: [SPENDER, 7n] } as never)
}, 120_000)
afterAll(async () => {
  await proxy?.stop()
  await anvil?.stop()
})

const search = async (fromBlock = 0n) =>
  getVerifiedApprovals({ client: createRpcClient({ urls: [proxy.url] }), head: await anvilHeaderSource({ url: anvil.url }).getExecutionHeader('latest'), owner: OWNER.address, fromBlock })

describe('getVerifiedApprovals over verified receipts', () => {
  it("finds the owner's last approval per token and spender, and its operators, and no one else's", async () => {
    const found = await search()
    expect(found.fromBlock).toBe(0n)
    expect(found.approvals).toEqual([
      { token: token.address.toLowerCase(), spender: SPENDER.toLowerCase(), kind: 'erc20', loggedValue: 7n, blockNumber: blocks.second, transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) },
      { token: nft.address.toLowerCase(), spender: OPERATOR.toLowerCase(), kind: 'operator', loggedValue: 1n, blockNumber: blocks.operator, transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) },
    ].sort((a, b) => (a.kind === 'erc20' ? -1 : 1) - (b.kind === 'erc20' ? -1 : 1)))
    // Blocks whose bloom lacks the owner's approval are never read: only the three with one (and the other's, a bloom false positive at most).
    expect(found.stats.bloomMatches).toBeGreaterThanOrEqual(3)
    expect(found.stats.bloomMatches).toBeLessThan(found.stats.headers)
  })

  it('searches only the range it says: a later start misses the earlier approvals', async () => {
    const found = await search(blocks.second)
    expect(found.fromBlock).toBe(blocks.second)
    expect(found.approvals.map((a) => a.kind)).toEqual(['erc20'])
  })

  it('refuses an RPC that drops the approval log from a receipt, or omits a receipt, naming the failure', async () => {
    for (const tamper of [
      (receipts: any[]) => receipts.map((r) => ({ ...r, logs: [] })),
      (receipts: any[]) => receipts.slice(1),
    ]) {
      proxy.state.tamper = (method, _params, result) => (method === 'eth_getBlockReceipts' && Array.isArray(result) && result.some((r: any) => r.logs.length > 0) ? tamper(result) : result)
      try {
        const error = await search().catch((e) => e)
        expect(error.name).toBe('AllProvidersFailedError')
        expect(error.errors.map((e: any) => e.name)).toEqual(['ReceiptsRootMismatchError'])
      } finally {
        proxy.state.tamper = undefined
      }
    }
  })
})
