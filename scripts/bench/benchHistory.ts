import { type Address, type Hex, encodeDeployData, encodeFunctionData, erc20Abi, numberToHex, pad, parseEther } from 'viem'
import type { LightClient } from '../../src/lib/consensus/LightClient.ts'
import { TRANSFER_TOPIC } from '../../src/lib/history/constants.ts'
import type { HistoryStore } from '../../src/lib/history/historyStore.ts'
import { getVerifiedHistory } from '../../src/lib/history/getVerifiedHistory.ts'
import type { ProvenHistory } from '../../src/lib/history/types.ts'
import { updateHistory } from '../../src/lib/history/updateHistory.ts'
import { createRpcClient } from '../../src/lib/rpc/createRpcClient.ts'
import { compileContract } from '../contracts/compileContract.ts'
import type { Devnet } from '../devnet/startDevnet.ts'
import { createCountingFetch } from './createCountingFetch.ts'
import { time, toMetric } from './measure.ts'
import { pairedRatios } from './summarize.ts'
import { createSection, type BenchOptions, type SectionResult } from './types.ts'

const SPAN = 1000n

/**
 * History of an account over 1,000 blocks on the devnet, against the light client's head: an
 * account with a transfer every hundred blocks or so (ETH and an OpenZeppelin ERC-20, in and out),
 * proven from nothing each time (headers, blooms, receipts, balance bisection), then with the range
 * stored and one new block to add. Beside it, the unverified way: one eth_getLogs per topic position.
 */
export async function benchHistory({ devnet, lightClient, options }: { devnet: Devnet; lightClient: LightClient; options: BenchOptions }): Promise<SectionResult> {
  const section = createSection('history', 'Verified history over 1,000 blocks')
  const { user, last } = await prepare(devnet)
  for (let i = 0; ; i++) {
    await lightClient.syncOnce()
    if ((await lightClient.getExecutionHeader('latest')).number > last) break
    if (i > 60) throw new Error(`the light client head did not pass block ${last}`)
    await new Promise((r) => setTimeout(r, 500))
  }
  const head = await lightClient.getExecutionHeader('latest')
  const fromBlock = head.number - SPAN + 1n
  const counter = createCountingFetch()
  const client = () => createRpcClient({ urls: [devnet.rpcUrl], fetch: counter.fetch })
  const cold = () => getVerifiedHistory({ client: client(), head, address: user, fromBlock })
  const plainLogs = async () => {
    const topic = pad(user, { size: 32 })
    const ask = (topics: (Hex | null)[]) => counter.fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getLogs', params: [{ fromBlock: numberToHex(fromBlock), toBlock: numberToHex(head.number), topics }] }) }).then((r) => r.json())
    return Promise.all([ask([TRANSFER_TOPIC, topic]), ask([TRANSFER_TOPIC, null, topic])])
  }

  const first = await cold()
  const coldTrips = counter.take()
  await plainLogs()
  const plainTrips = counter.take()
  const samples = { cold: [] as number[], plain: [] as number[] }
  for (let i = 0; i < (options.quick ? 2 : options.runs); i++) {
    samples.cold.push((await time(cold)).ms)
    samples.plain.push((await time(plainLogs)).ms)
  }
  // Stored range, one more verified block: only that block is proven.
  const map = new Map<string, ProvenHistory>()
  const store: HistoryStore = { get: async (k) => map.get(k), put: async (k, v) => void map.set(k, v) }
  await updateHistory({ client: client(), head: await lightClient.getExecutionHeader('latest'), address: user, store, key: 'bench', fromBlock })
  const stored = map.get('bench')!
  for (let i = 0; ; i++) {
    await lightClient.syncOnce()
    if ((await lightClient.getExecutionHeader('latest')).number > stored.toBlock) break
    if (i > 60) throw new Error('the light client head did not move')
    await new Promise((r) => setTimeout(r, 250))
  }
  counter.take()
  const warm = await time(async () => updateHistory({ client: client(), head: await lightClient.getExecutionHeader('latest'), address: user, store, key: 'bench' }))
  const warmTrips = counter.take()

  const s = first.stats
  section.metrics.push(
    toMetric({ metric: 'history, 1,000 blocks from nothing: verified', unit: 'ms', samples: samples.cold, note: `${first.history.transfers.length} transfers; ${s.headers} headers, ${s.bloomMatches} blocks read whole (${s.falsePositives} bloom false positives), ${s.balanceProofs} balance proofs, ${s.blocksWithBalanceChange} blocks with an ETH change, ${s.historyAnchors} EIP-2935 anchors` }),
    toMetric({ metric: 'history, 1,000 blocks: plain eth_getLogs (tokens only, unverified)', unit: 'ms', samples: samples.plain }),
    toMetric({ metric: 'history, 1,000 blocks: verified / plain eth_getLogs', unit: 'x', samples: pairedRatios({ numerators: samples.cold, denominators: samples.plain }), note: 'the plain figure has no ETH and proves nothing: a floor, not a peer' }),
    toMetric({ metric: 'history, stored range + new blocks: verified', unit: 'ms', samples: [warm.ms], note: `${warm.value.segments.map((x) => `blocks ${x.fromBlock}-${x.toBlock}`).join(', ') || 'nothing new'}` }),
  )
  section.tables.push({
    title: 'Round trips of one history of 1,000 blocks (HTTP requests; a batch counts once)',
    header: ['how', 'requests', 'JSON-RPC calls'],
    rows: [
      ['verified, from nothing', String(coldTrips.length), String(coldTrips.reduce((n, r) => n + r.methods.length, 0))],
      ['verified, stored range + new blocks', String(warmTrips.length), String(warmTrips.reduce((n, r) => n + r.methods.length, 0))],
      ['plain eth_getLogs (tokens only, no ETH, unverified)', String(plainTrips.length), String(plainTrips.reduce((n, r) => n + r.methods.length, 0))],
    ],
    alignRight: [1, 2],
  })
  section.details = { coldMethods: coldTrips.map((r) => r.methods.length), stats: { ...s }, transfers: first.history.transfers.length }
  return section
}

/** An account with a transfer every ~100 blocks over ~1,000 blocks: mined between slots (devnet.mineBlocks). */
async function prepare(devnet: Devnet): Promise<{ user: Address; last: bigint }> {
  const rpc = async <T>(method: string, params: unknown[]): Promise<T> => {
    const body = await (await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })).json()
    if (body.error) throw new Error(`${method}: ${body.error.message}`)
    return body.result as T
  }
  const [funder, , , , , user, other] = devnet.accounts.map((a) => a.toLowerCase() as Address)
  const send = (tx: Record<string, unknown>) => rpc<Hex>('eth_sendTransaction', [tx])
  const token = await compileContract('TestTokens.sol', 'TestToken')
  const deploy = await send({ from: funder, data: encodeDeployData({ abi: token.abi, bytecode: token.bytecode, args: ['Bench', 'BNCH', 18, parseEther('1000000')] }) })
  await devnet.mineBlocks(1)
  const address = (await rpc<{ contractAddress: Address }>('eth_getTransactionReceipt', [deploy])).contractAddress
  const transfer = (to: Address, amount: bigint) => encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] })
  const steps = [
    { from: funder, to: user, value: numberToHex(parseEther('2')) },
    { from: funder, to: address, data: transfer(user, 500n) },
    { from: user, to: other, value: numberToHex(parseEther('0.1')) },
    { from: user, to: address, data: transfer(other, 20n) },
  ]
  let lastHash: Hex = deploy
  for (let i = 0; i < 10; i++) {
    lastHash = await send(steps[i % steps.length])
    await devnet.mineBlocks(100)
  }
  const receipt = await rpc<{ blockNumber: Hex; status: Hex }>('eth_getTransactionReceipt', [lastHash])
  if (receipt.status !== '0x1') throw new Error('a bench history transfer reverted')
  return { user, last: BigInt(await rpc<Hex>('eth_blockNumber', [])) }
}
