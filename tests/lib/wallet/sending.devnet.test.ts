import type { Address, Hash, PublicClient } from 'viem'
import { createPublicClient, erc20Abi, http, parseEther, parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { LightClient } from '../../../src/lib/consensus/LightClient.ts'
import { createCustomNetwork } from '../../../src/lib/consensus/networks.ts'
import type { RpcReceipt } from '../../../src/lib/execution/types.ts'
import { verifyReceipts } from '../../../src/lib/execution/verifyReceipts.ts'
import { verified } from '../../../src/lib/rpc/verified.ts'
import type { ActivityRecord } from '../../../src/lib/wallet/activityStore.ts'
import { createMemoryActivityStore } from '../../../src/lib/wallet/activityStore.ts'
import { createReplacement } from '../../../src/lib/wallet/createReplacement.ts'
import { deriveHdAccount } from '../../../src/lib/wallet/deriveHdAccount.ts'
import { getTokenMetadata } from '../../../src/lib/wallet/getTokenMetadata.ts'
import { prepareTransfer } from '../../../src/lib/wallet/prepareTransfer.ts'
import { refreshActivity } from '../../../src/lib/wallet/refreshActivity.ts'
import { sendTransfer } from '../../../src/lib/wallet/sendTransfer.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'
import { deployTestToken } from '../../helpers/deployTestToken.ts'

// The devnet integration: a funded devnet account sends ETH and an ERC-20 token; every read
// goes through the verified transport backed by the real light client (BLS-signed headers); each
// receipt is checked against the receipts root of the light client's header for its block; a
// speed-up replaces a pending transaction. Receipts are fetched raw and checked here with
// verifyReceipts, independent of the rpc layer's own receipt handler (which was not committed when
// this was written; allowUnverified lets refreshActivity work either way).

let tokenAddress: Address
let devnet: Devnet
let lc: LightClient
let client: PublicClient

async function rpc<T>(method: string, params: unknown[]): Promise<T> {
  const res = await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  return ((await res.json()) as { result: T }).result
}

/** Follows the light client until its latest verified header is at least `number`. */
async function syncTo(number: bigint): Promise<void> {
  const deadline = Date.now() + 20_000
  for (;;) {
    await lc.syncOnce()
    if ((await lc.getExecutionHeader('latest')).number >= number) return
    if (Date.now() > deadline) throw new Error(`light client did not reach block ${number}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Waits for the receipt, then verifies it against the light client's header of its block. */
async function verifiedReceipt(hash: Hash): Promise<RpcReceipt> {
  const deadline = Date.now() + 20_000
  let receipt: RpcReceipt | null = null
  while (!(receipt = await rpc<RpcReceipt | null>('eth_getTransactionReceipt', [hash]))) {
    if (Date.now() > deadline) throw new Error(`no receipt for ${hash}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  const blockNumber = BigInt(receipt.blockNumber)
  await syncTo(blockNumber)
  const header = await lc.getExecutionHeader(blockNumber)
  const receipts = await rpc<RpcReceipt[]>('eth_getBlockReceipts', [receipt.blockNumber])
  const ok = await verifyReceipts({ receipts, receiptsRoot: header.receiptsRoot, blockHash: header.blockHash, blockNumber })
  return ok.find((r) => r.transactionHash === hash)!
}

const baseFee = async () => (await lc.getExecutionHeader('latest')).baseFeePerGas
const account = (i: number) => deriveHdAccount({ mnemonic: devnet.mnemonic, index: i })

beforeAll(async () => {
  devnet = await startTestDevnet({ periods: 1 })
  const network = createCustomNetwork({
    name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime, beaconApis: [devnet.beaconUrl],
  })
  lc = new LightClient({ network, checkpoint: devnet.checkpointRoot, minAgreeingEndpoints: 1, timeoutMs: 10_000, syncedToleranceSlots: 4 })
  await lc.init()
  await lc.syncOnce()
  client = createPublicClient({
    transport: verified({ headers: lc, rpcs: [devnet.rpcUrl], chainId: devnet.chainId, allowUnverified: ['eth_getTransactionReceipt'] }),
  }) as PublicClient
  // An OpenZeppelin ERC-20 compiled from source, 1000 TST sent to account 0 by a dev account no test uses.
  const holders = [{ address: account(0).address, amount: parseUnits('1000', 6) }]
  const deployed = await deployTestToken({ rpcUrl: devnet.rpcUrl, symbol: 'TST', decimals: 6, holders })
  tokenAddress = deployed.address
  await syncTo(deployed.blockNumber) // the block with the transfer is verified
}, 120_000)

afterAll(async () => {
  await lc?.stop()
  await devnet?.stop()
})

describe('sending on the devnet, verified by the light client', () => {
  it('ETH and ERC-20 transfers: receipts verified, balances verified before and after', async () => {
    const activity = createMemoryActivityStore()
    const from = account(0).address
    const to = account(7).address
    const { token } = await getTokenMetadata({ client, chainId: devnet.chainId, address: tokenAddress })
    const [ethFromBefore, ethToBefore, tokToBefore] = await Promise.all([
      client.getBalance({ address: from }),
      client.getBalance({ address: to }),
      client.readContract({ address: tokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [to] }),
    ])
    const eth = await prepareTransfer({ client, chainId: devnet.chainId, from, to, amount: parseEther('3'), baseFeePerGas: await baseFee() })
    const e = await sendTransfer({ client, account: account(0), transaction: eth.transaction, activity, summary: { recipient: to, amount: parseEther('3'), symbol: 'ETH', decimals: 18 } })
    const ercPrep = await prepareTransfer({ client, chainId: devnet.chainId, from, to, amount: parseUnits('42', 6), token, baseFeePerGas: await baseFee(), minimumNonce: eth.review.nonce + 1 })
    const t = await sendTransfer({ client, account: account(0), transaction: ercPrep.transaction, activity, summary: { recipient: to, amount: parseUnits('42', 6), symbol: 'TST', decimals: 6, token: tokenAddress } })

    const [re, rt] = [await verifiedReceipt(e.hash), await verifiedReceipt(t.hash)]
    expect([re.status, rt.status]).toEqual(['0x1', '0x1'])
    await refreshActivity({ client, activity, chainId: devnet.chainId })
    expect((await activity.list()).map((r) => r.status)).toEqual(['success', 'success'])
    // Each receipt's block timestamp, from the verified header (the transport checks it against the light client's chain).
    for (const r of await activity.list()) {
      const block = (await (await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: [`0x${r.blockNumber!.toString(16)}`, false] }) })).json()) as { result: { timestamp: string } }
      expect(r.blockTimestamp).toBe(BigInt(block.result.timestamp))
    }

    const gasCost = (r: RpcReceipt) => {
      const { gasUsed, effectiveGasPrice } = r as RpcReceipt & { gasUsed: `0x${string}`; effectiveGasPrice: `0x${string}` }
      return BigInt(gasUsed) * BigInt(effectiveGasPrice)
    }
    const [ethFromAfter, ethToAfter, tokToAfter] = await Promise.all([
      client.getBalance({ address: from }),
      client.getBalance({ address: to }),
      client.readContract({ address: tokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [to] }),
    ])
    expect(ethToAfter - ethToBefore).toBe(parseEther('3'))
    expect(ethFromBefore - ethFromAfter).toBe(parseEther('3') + gasCost(re) + gasCost(rt))
    expect(tokToAfter - tokToBefore).toBe(parseUnits('42', 6))
  })

  it('a speed-up (same nonce, fees bumped) replaces a pending transaction', async () => {
    const activity = createMemoryActivityStore()
    const sender = account(1)
    const to = account(8).address
    const nonce = await client.getTransactionCount({ address: sender.address })
    // Keep the slow one pending deterministically: it sits behind a nonce gap until the gap is filled.
    const slow = await prepareTransfer({ client, chainId: devnet.chainId, from: sender.address, to, amount: parseEther('1'), baseFeePerGas: await baseFee(), maxPriorityFeePerGas: 1n, minimumNonce: nonce + 1 })
    const s = await sendTransfer({ client, account: sender, transaction: slow.transaction, activity, summary: { recipient: to, amount: parseEther('1'), symbol: 'ETH', decimals: 18 } })
    const fast = await sendTransfer({ client, account: sender, ...createReplacement({ original: s.record, mode: 'speedUp', baseFeePerGas: await baseFee() }), activity })
    const filler = await prepareTransfer({ client, chainId: devnet.chainId, from: sender.address, to: sender.address, amount: 1n, baseFeePerGas: await baseFee() })
    expect(filler.review.nonce).toBe(nonce)
    await sendTransfer({ client, account: sender, transaction: filler.transaction, activity, summary: { recipient: sender.address, amount: 1n, symbol: 'ETH', decimals: 18 } })

    const receipt = await verifiedReceipt(fast.hash)
    expect(receipt.status).toBe('0x1')
    expect(await rpc('eth_getTransactionReceipt', [s.hash])).toBeNull()
    await syncTo(BigInt(receipt.blockNumber))
    await refreshActivity({ client, activity, chainId: devnet.chainId })
    const status = (h: Hash) => activity.get(h).then((r) => (r as ActivityRecord).status)
    expect([await status(fast.hash), await status(s.hash)]).toEqual(['success', 'replaced'])
    expect(await client.getTransactionCount({ address: sender.address })).toBe(nonce + 2)
  })
})
