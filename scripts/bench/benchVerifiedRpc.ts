import { http, type PublicClient, createPublicClient, erc20Abi } from 'viem'
import type { Devnet } from '../devnet/startDevnet.ts'
import type { LightClient } from '../../src/lib/consensus/LightClient.ts'
import { verified } from '../../src/lib/rpc/verified.ts'
import { benchPreview } from './benchPreview.ts'
import { createCountingFetch } from './createCountingFetch.ts'
import { time, toMetric } from './measure.ts'
import { type ChainData, devnetChain } from './prepareChainData.ts'
import { pairedRatios } from './summarize.ts'
import { type BenchOptions, type SectionResult, createSection } from './types.ts'

export type BenchVerifiedRpcParameters = { devnet: Devnet; lightClient: LightClient; data: ChainData; options: BenchOptions }

/**
 * Verified (light-client headers + proofs, project transport) against plain viem http on the same
 * anvil, interleaved per iteration (order alternating), with the round trips each makes.
 */
export async function benchVerifiedRpc({ devnet, lightClient, data, options }: BenchVerifiedRpcParameters): Promise<SectionResult> {
  const section = createSection('verifiedRpc', 'Verified vs plain JSON-RPC on the devnet\'s anvil (loopback)')
  const counter = createCountingFetch()
  const plain = createPublicClient({ chain: devnetChain({ devnet }), transport: http(devnet.rpcUrl, { fetchFn: counter.fetch, retryCount: 0 }) }) as PublicClient
  const verifiedClient = (cache?: false) => createPublicClient({
    chain: devnetChain({ devnet }),
    transport: verified({ headers: lightClient, rpcs: [devnet.rpcUrl], chainId: devnet.chainId, fetch: counter.fetch, cache }),
  }) as PublicClient
  // As the app runs it: verified reads cached per block hash, so a call repeated at one verified block is answered from the cache.
  const checked = verifiedClient()
  // The same without the cache: what each call costs at a block seen for the first time (a proof, a block's receipts).
  const uncached = verifiedClient(false)

  const operations: { name: string; run: (c: PublicClient) => Promise<unknown> }[] = [
    { name: 'getBalance', run: (c) => c.getBalance({ address: data.holder }) },
    { name: 'getTransactionCount', run: (c) => c.getTransactionCount({ address: data.sender }) },
    { name: 'ERC-20 balanceOf (eth_call)', run: (c) => c.readContract({ address: data.token, abi: erc20Abi, functionName: 'balanceOf', args: [data.holder] }) },
    { name: 'transaction receipt', run: (c) => c.getTransactionReceipt({ hash: data.transferHash }).then((r) => r.status) },
  ]
  const iterations = options.quick ? 5 : 30
  const trips: string[][] = []
  const first = await time(() => operations[2]!.run(checked))
  counter.take()
  for (const op of operations) {
    // Warm-up (and a check that both agree), then the round trips of one call each.
    const [v, p] = [await op.run(checked), await op.run(plain)]
    if (String(v) !== String(p)) section.notes.push(`${op.name}: verified answered ${String(v)}, plain ${String(p)} (different blocks: the verified head lags the RPC's latest by a slot)`)
    counter.take()
    await op.run(checked)
    const verifiedTrips = counter.take()
    await op.run(plain)
    const plainTrips = counter.take()
    trips.push([op.name, String(verifiedTrips.length), verifiedTrips.map((r) => r.methods.join('+')).join(', '), String(plainTrips.length), plainTrips.map((r) => r.methods.join('+')).join(', ')])

    await op.run(uncached) // warm-up: its header resolver walks back to the block once
    counter.take()
    await op.run(uncached)
    const uncachedTrips = counter.take()
    trips.push([`${op.name} (no cache)`, String(uncachedTrips.length), uncachedTrips.map((r) => r.methods.join('+')).join(', '), String(plainTrips.length), plainTrips.map((r) => r.methods.join('+')).join(', ')])

    const samples = new Map<PublicClient, number[]>([[checked, []], [uncached, []], [plain, []]])
    for (let i = 0; i < iterations; i++) {
      const order = i % 2 === 0 ? [checked, uncached, plain] : [plain, uncached, checked]
      for (const client of order) {
        const { ms } = await time(() => op.run(client))
        samples.get(client)!.push(ms)
      }
    }
    counter.take()
    const [verifiedMs, uncachedMs, plainMs] = [samples.get(checked)!, samples.get(uncached)!, samples.get(plain)!]
    section.metrics.push(
      toMetric({ metric: `${op.name}: verified`, unit: 'ms', samples: verifiedMs, note: 'repeated at one block: per-block cache' }),
      toMetric({ metric: `${op.name}: plain`, unit: 'ms', samples: plainMs }),
      toMetric({ metric: `${op.name}: verified / plain`, unit: 'x', samples: pairedRatios({ numerators: verifiedMs, denominators: plainMs }), note: op.name === 'transaction receipt' ? 'target <= 2' : undefined }),
      toMetric({ metric: `${op.name}: verified, no cache / plain`, unit: 'x', samples: pairedRatios({ numerators: uncachedMs, denominators: plainMs }), note: 'each call proven afresh' }),
    )
  }
  await benchPreview({ devnet, lightClient, data, options, section })
  section.metrics.push(toMetric({ metric: 'first verified eth_call (loads the EVM)', unit: 'ms', samples: [first.ms], note: 'one sample: once per page load' }))
  section.tables.push({ title: 'JSON-RPC round trips per call (HTTP requests; a batch counts once)', header: ['call', 'verified', 'verified requests', 'plain', 'plain requests'], rows: trips, alignRight: [1, 3] })
  section.notes.push(
    'The verified receipt fetches the whole block\'s receipts (eth_getBlockReceipts) once per block and checks their trie root; the header comes from the light client (or a parent-hash walk back from it, cached). Every later receipt of that block costs only the (untrusted) eth_getTransactionByHash hint of which block holds it.',
    'Verified reads are cached per verified block hash (src/lib/rpc/createVerifiedCache.ts): the light client\'s head does not move during this section, so a repeated call is answered from the cache; "no cache" rows prove every call afresh (a read at a new block).',
  )
  section.details = { roundTrips: trips.map(([call, v, vm, p, pm]) => ({ call, verified: Number(v), verifiedRequests: vm, plain: Number(p), plainRequests: pm })) }
  return section
}
