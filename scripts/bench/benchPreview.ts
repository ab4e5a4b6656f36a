import { http, type PublicClient, createPublicClient, encodeFunctionData, erc20Abi } from 'viem'
import type { LightClient } from '../../src/lib/consensus/LightClient.ts'
import { createRpcClient } from '../../src/lib/rpc/createRpcClient.ts'
import { getTransactionPreview } from '../../src/lib/rpc/getTransactionPreview.ts'
import type { Devnet } from '../devnet/startDevnet.ts'
import { createCountingFetch } from './createCountingFetch.ts'
import { time, toMetric } from './measure.ts'
import { type ChainData, devnetChain } from './prepareChainData.ts'
import { pairedRatios } from './summarize.ts'
import type { BenchOptions, SectionResult } from './types.ts'

export type BenchPreviewParameters = { devnet: Devnet; lightClient: LightClient; data: ChainData; options: BenchOptions; section: SectionResult }

/**
 * The balance-change preview of an ERC-20 transfer (a fresh EVM and fresh proofs each time, as a
 * review screen opens it) against a plain eth_call of the same transaction, interleaved.
 */
export async function benchPreview({ devnet, lightClient, data, options, section }: BenchPreviewParameters): Promise<void> {
  const counter = createCountingFetch()
  const plain = createPublicClient({ chain: devnetChain({ devnet }), transport: http(devnet.rpcUrl, { fetchFn: counter.fetch, retryCount: 0 }) }) as PublicClient
  const rpc = createRpcClient({ urls: [devnet.rpcUrl], fetch: counter.fetch })
  const transaction = { from: data.holder, to: data.token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [data.sender, 1n] }) }
  const preview = () => getTransactionPreview({ headers: lightClient, client: rpc, chainId: devnet.chainId, transaction })
  const call = () => plain.call({ account: transaction.from, to: transaction.to, data: transaction.data })
  const checked = await preview()
  if (checked.reverted) section.notes.push(`preview: the transfer reverted (${checked.reverted.reason})`)
  // The bench token (scripts/bench/testToken.ts) emits no Transfer log, so no token rows are shown
  // (previews take token changes from the logs); the EVM run and the proofs are the same work.
  section.notes.push(`Transfer preview: ${checked.changes.length} balance change(s) from ${checked.logs.length} log(s); the bench token emits no Transfer event, so the preview's balanceOf reads are not in these figures.`)
  counter.take()
  await preview()
  const previewTrips = counter.take()
  await call()
  const callTrips = counter.take()
  const samples = { preview: [] as number[], call: [] as number[] }
  for (let i = 0; i < (options.quick ? 5 : 30); i++) {
    for (const which of i % 2 === 0 ? (['preview', 'call'] as const) : (['call', 'preview'] as const)) samples[which].push((await time<unknown>(which === 'preview' ? preview : call)).ms)
  }
  counter.take()
  section.metrics.push(
    toMetric({ metric: 'ERC-20 transfer preview: verified preview', unit: 'ms', samples: samples.preview, note: 'fresh EVM and proofs each time; balanceOf before and after for both holders' }),
    toMetric({ metric: 'ERC-20 transfer preview: plain eth_call', unit: 'ms', samples: samples.call }),
    toMetric({ metric: 'ERC-20 transfer preview: preview / plain eth_call', unit: 'x', samples: pairedRatios({ numerators: samples.preview, denominators: samples.call }) }),
  )
  section.tables.push({
    title: 'Round trips of one transfer preview vs one plain eth_call (HTTP requests; a batch counts once)',
    header: ['call', 'requests', 'methods'],
    rows: [
      ['verified preview', String(previewTrips.length), previewTrips.map((r) => r.methods.join('+')).join(', ')],
      ['plain eth_call', String(callTrips.length), callTrips.map((r) => r.methods.join('+')).join(', ')],
    ],
    alignRight: [1],
  })
}
