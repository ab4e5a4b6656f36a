import { computeSyncCommitteePeriodAtSlot } from '../../src/lib/consensus/spec/computeSyncCommitteePeriodAtSlot.ts'
import type { Request } from 'playwright-core'
import type { Devnet } from '../devnet/startDevnet.ts'
import { toMetric } from './measure.ts'
import type { BenchPage, BenchTab } from './openBenchPage.ts'
import type { PeerInput } from './page/benchPage.ts'
import { pairedRatios } from './summarize.ts'
import { type BenchOptions, type SectionResult, createSection } from './types.ts'

type Balance = { ms: number; value: string }

/** Why Helios failed in the page: its error and what the page logged (CSP, WASM, CORS show up there). */
const explain = (error: unknown, benchPage: BenchTab) =>
  `${(error as Error)?.message?.split('\n')[0] ?? String(error)}${benchPage.errors.length ? `; page errors: ${[...new Set(benchPage.errors)].slice(-3).join(' | ')}` : ''}`

/** What one request was: its JSON-RPC methods (a batch joined by +) or the beacon API path. */
function describeRequest(request: Request): string {
  try {
    const body = JSON.parse(request.postData() ?? 'null') as { method?: string } | { method?: string }[] | null
    if (body) return (Array.isArray(body) ? body : [body]).map((b) => b.method ?? '?').join('+')
  } catch {}
  return new URL(request.url()).pathname
}

/** The HTTP requests the page makes while `fn` runs. */
async function recordRequests({ benchPage, fn }: { benchPage: BenchTab; fn: () => Promise<unknown> }): Promise<string[]> {
  const seen: string[] = []
  const listener = (request: Request) => { if (request.method() !== 'OPTIONS') seen.push(describeRequest(request)) }
  benchPage.page.on('request', listener)
  try {
    await fn()
  } finally {
    benchPage.page.off('request', listener)
  }
  return seen
}

/**
 * Helios (a16z, Rust in WASM, from @a16z/helios's dist/lib.mjs) and Latchkey's LightClient in the
 * same headless Chromium, each in its own tab of the bench page, same beacon API, execution RPC and
 * checkpoint (the mainnet-shaped devnet): start to synced head and verified eth_getBalance,
 * interleaved per run with alternating order. Separate tabs because Helios's getBalance slows down
 * by orders of magnitude once Latchkey's LightClient shares its page (measured apart, at the end).
 */
export async function benchBrowserHelios({ benchPage: mine, devnet, options }: { benchPage: BenchPage; devnet: Devnet; options: BenchOptions }): Promise<SectionResult> {
  const section = createSection('browserHelios', 'Peer comparison with Helios 0.11.1 in headless Chromium (mainnet-shaped devnet, same browser, endpoints and checkpoint)')
  const theirs = await mine.openTab()
  const input: PeerInput = {
    network: { name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime },
    beaconUrl: devnet.beaconUrl,
    rpcUrl: devnet.rpcUrl,
    checkpoint: devnet.checkpointRoot,
    chainId: devnet.chainId,
  }
  const latchkeySync: number[] = []
  const heliosSync: number[] = []
  const latchkeyBalance: number[] = []
  const heliosBalance: number[] = []
  let heliosFailure: string | undefined
  let loadMs: number | undefined
  try {
    loadMs = await theirs.call<number>('loadHelios')
  } catch (error) {
    heliosFailure = `loading @a16z/helios failed: ${explain(error, theirs)}`
  }
  // First starts apart: they include one-time costs (Helios instantiates its WASM, herumi warms up).
  let firstHelios: number | undefined
  if (!heliosFailure) {
    try {
      firstHelios = await theirs.call<number>('startHelios', input)
    } catch (error) {
      heliosFailure = `Helios did not sync in the page: ${explain(error, theirs)}`
    }
  }
  const firstLatchkey = await mine.call<number>('startLatchkey', input)
  const iterations = options.quick ? 3 : 10
  // A start takes a few hundred ms for either client (it took seconds when this was 3): up to 7 runs.
  const runs = options.quick ? 1 : Math.min(options.runs, 7)
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ['helios', 'latchkey'] : ['latchkey', 'helios']
    for (const who of order) {
      if (who === 'latchkey') latchkeySync.push(await mine.call<number>('startLatchkey', input))
      else if (!heliosFailure) {
        try {
          heliosSync.push(await theirs.call<number>('startHelios', input))
        } catch (error) {
          heliosFailure = `Helios did not sync in the page: ${explain(error, theirs)}`
        }
      }
    }
    const address = devnet.accounts[1]!
    const myBalance = await mine.call<Balance>('latchkeyBalance', address)
    if (!heliosFailure) {
      const theirBalance = await theirs.call<Balance>('heliosBalance', address)
      if (theirBalance.value !== myBalance.value) throw new Error(`Helios says ${theirBalance.value}, Latchkey ${myBalance.value} for ${address}`)
    }
    if (run === 0) {
      const fresh = await mine.call<string>('randomAddress')
      const mineTrips = await recordRequests({ benchPage: mine, fn: () => mine.call('latchkeyBalance', fresh) })
      const theirTrips = heliosFailure ? [] : await recordRequests({ benchPage: theirs, fn: () => theirs.call('heliosBalance', fresh) })
      section.tables.push({
        title: 'HTTP requests for one verified getBalance of a new address',
        header: ['client', 'requests', 'what'],
        rows: [['Latchkey', String(mineTrips.length), mineTrips.join(', ')], ...(heliosFailure ? [] : [['Helios', String(theirTrips.length), theirTrips.join(', ')]])],
        alignRight: [1],
      })
    }
    for (let i = 0; i < iterations; i++) {
      // A new address per iteration (the same for both): no cached proof can answer it.
      const fresh = await mine.call<string>('randomAddress')
      for (const who of i % 2 === 0 ? ['helios', 'latchkey'] : ['latchkey', 'helios']) {
        if (who === 'latchkey') latchkeyBalance.push((await mine.call<Balance>('latchkeyBalance', fresh)).ms)
        else if (!heliosFailure) heliosBalance.push((await theirs.call<Balance>('heliosBalance', fresh)).ms)
      }
    }
  }
  await theirs.call('stopAll')
  // Helios in the tab where Latchkey's LightClient lives (state kept from the last run).
  const sharedPage: number[] = []
  if (!heliosFailure) {
    await mine.call<number>('startHelios', input)
    for (let i = 0; i < 3; i++) sharedPage.push((await mine.call<Balance>('heliosBalance', await mine.call<string>('randomAddress'))).ms)
  }
  await mine.call('stopAll')
  if (loadMs !== undefined) section.metrics.push(toMetric({ metric: 'Helios: load module + compile WASM', unit: 'ms', samples: [loadMs], note: 'once per page' }))
  if (firstHelios !== undefined) section.metrics.push(toMetric({ metric: 'first start to synced head: Helios (incl. WASM instantiation)', unit: 'ms', samples: [firstHelios], note: 'one sample' }))
  section.metrics.push(toMetric({ metric: 'first start to synced head: Latchkey', unit: 'ms', samples: [firstLatchkey], note: 'one sample' }))
  if (!heliosFailure) section.metrics.push(toMetric({ metric: 'start to synced head: Helios', unit: 'ms', samples: heliosSync }))
  section.metrics.push(toMetric({ metric: 'start to synced head: Latchkey', unit: 'ms', samples: latchkeySync }))
  if (!heliosFailure)
    section.metrics.push(toMetric({ metric: 'start to synced head: Latchkey / Helios', unit: 'x', samples: pairedRatios({ numerators: latchkeySync, denominators: heliosSync }), note: 'target <= 0.5' }))
  if (!heliosFailure) section.metrics.push(toMetric({ metric: 'verified getBalance (new address): Helios', unit: 'ms', samples: heliosBalance }))
  section.metrics.push(toMetric({ metric: 'verified getBalance (new address): Latchkey', unit: 'ms', samples: latchkeyBalance }))
  if (!heliosFailure)
    section.metrics.push(toMetric({ metric: 'verified getBalance (new address): Latchkey / Helios', unit: 'x', samples: pairedRatios({ numerators: latchkeyBalance, denominators: heliosBalance }) }))
  if (sharedPage.length > 0)
    section.metrics.push(toMetric({ metric: 'verified getBalance (new address): Helios, sharing a page with Latchkey', unit: 'ms', samples: sharedPage, note: 'cause not found yet' }))
  if (heliosFailure) section.skipped = `Helios part: ${heliosFailure}`
  section.notes.push(
    `Checkpoint ${computeSyncCommitteePeriodAtSlot(devnet.headSlot) - computeSyncCommitteePeriodAtSlot(devnet.checkpointSlot)} sync-committee periods behind the head, ${devnet.secondsPerSlot} s slots, chain id ${devnet.chainId}; each in its own tab of one headless Chromium (bench page on 127.0.0.1, no CSP), beacon API and anvil on loopback with CORS; Helios dbType "config" (no persistence); Latchkey: its own sync core with @noble/curves BLS on the page's main thread.`,
  )
  return section
}
