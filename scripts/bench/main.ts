import '../polyfills.ts'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { LightClient } from '../../src/lib/consensus/LightClient.ts'
import { type Network, createCustomNetwork } from '../../src/lib/consensus/networks.ts'
import { type Devnet, startDevnet } from '../devnet/startDevnet.ts'
import { benchBundle, buildApp } from './benchBundle.ts'
import { type Baseline, buildBaseline } from './buildBaseline.ts'
import { benchBrowser } from './benchBrowser.ts'
import { benchBrowserHelios } from './benchBrowserHelios.ts'
import { benchBrowserLightClient } from './benchBrowserLightClient.ts'
import { benchLighthouse } from './benchLighthouse.ts'
import { buildBenchPage } from './buildBenchPage.ts'
import { type BenchPage, openBenchPage } from './openBenchPage.ts'
import { benchPublish } from './benchPublish.ts'
import { benchHelios } from './benchHelios.ts'
import { benchHistory } from './benchHistory.ts'
import { benchLightClient } from './benchLightClient.ts'
import { benchVerifiedRpc } from './benchVerifiedRpc.ts'
import { prepareChainData } from './prepareChainData.ts'
import { type BenchReport, renderReport } from './renderReport.ts'
import { runSection } from './runSection.ts'
import type { BenchOptions, SectionResult } from './types.ts'

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, runs: { type: 'string' }, out: { type: 'string' }, baseline: { type: 'string' }, only: { type: 'string' } } })
// --only bundle,browser: just those sections (ids as in bench/results.json); --baseline REF: the
// bundle and browser sections also build REF and report it beside this checkout, ratios paired.
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : undefined
const wanted = (...ids: string[]) => !only || ids.some((id) => only.has(id))
const quick = values.quick ?? false
const options: BenchOptions = { quick, runs: Number(values.runs ?? (quick ? 2 : 7)) }
const outFile = path.resolve(values.out ?? path.join(import.meta.dirname, '../../bench/results.json'))
const started = performance.now()
// Other work on the machine skews every figure: the report says how loaded it was.
const loadAtStart = os.loadavg()[0]!
const sections: SectionResult[] = []

/** This checkout's bundle section with the baseline's sizes beside it: `baseline <ref>: <metric>` and its parts table. */
function withBaselineBundle({ section, baseline, label }: { section: SectionResult; baseline: SectionResult; label: string }): SectionResult {
  for (const m of baseline.metrics) if (m.unit === 'bytes' && m.metric.endsWith(': gzip')) section.metrics.push({ ...m, metric: `baseline ${label}: ${m.metric}` })
  const parts = baseline.tables.find((t) => t.title.startsWith('Whole dist/ by part'))
  if (parts) section.tables.splice(1, 0, { ...parts, title: `Baseline ${label}: ${parts.title}` })
  section.details = { ...section.details, baseline: { label, ...baseline.details } }
  return section
}

const networkOf = (devnet: Devnet): Network =>
  createCustomNetwork({ name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime, beaconApis: [devnet.beaconUrl] })

// The bench page (Latchkey's light client, herumi, Helios) for the Chromium sections, in a scratch directory.
const pageDir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-bench-page-'))
const pageBuilt = wanted('browserLightClient', 'browserHelios') ? await buildBenchPage({ outDir: pageDir }).catch((error: Error) => error) : new Error('not asked for (--only)')
const inBenchPage = async (run: (benchPage: BenchPage) => Promise<SectionResult>): Promise<SectionResult> => {
  if (pageBuilt instanceof Error) throw new Error(`the bench page did not build: ${pageBuilt.message}`)
  const benchPage = await openBenchPage({ dir: pageDir, pagePath: pageBuilt.pagePath })
  try {
    return await run(benchPage)
  } finally {
    await benchPage.close()
  }
}

// 1 + 2: a fast devnet (2-second slots, checkpoint two committee periods behind the head).
if (wanted('lightClient', 'browserLightClient', 'verifiedRpc', 'history')) {
  const devnet = await startDevnet({ secondsPerSlot: 2, periods: 2 })
  try {
    const network = networkOf(devnet)
    const mined = await prepareChainData({ devnet })
    if (wanted('lightClient')) sections.push(await runSection({ id: 'lightClient', title: 'Light-client work in Node', run: () => benchLightClient({ devnet, options }) }))
    if (wanted('browserLightClient')) sections.push(await runSection({ id: 'browserLightClient', title: 'Light-client work in Chromium', run: () => inBenchPage((benchPage) => benchBrowserLightClient({ benchPage, devnet, options })) }))
    if (wanted('verifiedRpc')) sections.push(await runSection({
      id: 'verifiedRpc', title: 'Verified vs plain JSON-RPC',
      run: async () => {
        const data = await mined()
        const lightClient = new LightClient({ network, checkpoint: devnet.checkpointRoot, minAgreeingEndpoints: 1 })
        await lightClient.init()
        // Until the verified head holds the token and the transfer.
        for (let i = 0; ; i++) {
          await lightClient.syncOnce()
          if ((await lightClient.getExecutionHeader('latest')).number >= data.blockNumber) break
          if (i > 30) throw new Error(`the light client head did not reach block ${data.blockNumber}`)
          await new Promise((r) => setTimeout(r, 500))
        }
        return benchVerifiedRpc({ devnet, lightClient, data, options })
      },
    }))
    if (wanted('history')) sections.push(await runSection({
      id: 'history', title: 'Verified history over 1,000 blocks',
      run: async () => {
        const lightClient = new LightClient({ network, checkpoint: devnet.checkpointRoot, minAgreeingEndpoints: 1 })
        await lightClient.init()
        return benchHistory({ devnet, lightClient, options })
      },
    }))
  } finally {
    await devnet.stop()
  }
}

// 5: Helios follows only its built-in networks: the mainnet-shaped devnet (12-second slots).
if (wanted('helios', 'browserHelios')) {
  const devnet = await startDevnet({ like: 'mainnet', periods: 2 })
  try {
    if (wanted('helios')) sections.push(await runSection({ id: 'helios', title: 'Peer comparison with Helios', run: () => benchHelios({ devnet, network: networkOf(devnet), options }) }))
    if (wanted('browserHelios')) sections.push(await runSection({ id: 'browserHelios', title: 'Peer comparison with Helios in Chromium', run: () => inBenchPage((benchPage) => benchBrowserHelios({ benchPage, devnet, options })) }))
  } finally {
    await devnet.stop()
  }
}

// 3 + 4 (+ Lighthouse): a production build of this checkout, in a scratch directory (dist/ belongs to npm run build).
if (wanted('bundle', 'browser', 'lighthouse', 'publish')) {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-bench-dist-'))
  let baseline: Baseline | Error | undefined
  try {
    const buildMs: number[] = []
    let buildError: unknown
    for (let run = 0; run < (quick ? 1 : 2); run++) buildMs.push(await buildApp({ outDir }).catch((e) => { buildError = e; return Number.NaN }))
    const built = buildMs.every(Number.isFinite)
    const failedBuild = async (): Promise<SectionResult> => { throw new Error(`vite build failed: ${(buildError as Error)?.message}`) }
    if (values.baseline && wanted('bundle', 'browser')) baseline = await buildBaseline({ ref: values.baseline }).catch((e: Error) => e)
    const baselineBuild = () => {
      if (baseline instanceof Error) throw new Error(`the baseline ${values.baseline} did not build: ${baseline.message}`)
      return baseline && { dir: baseline.dir, label: `${values.baseline} (${baseline.commit.slice(0, 7)})` }
    }
    if (wanted('bundle')) sections.push(await runSection({
      id: 'bundle', title: 'Bundle',
      run: built
        ? async () => {
            const section = await benchBundle({ dir: outDir })
            const base = baselineBuild()
            return base ? withBaselineBundle({ section, baseline: await benchBundle({ dir: base.dir }), label: base.label }) : section
          }
        : failedBuild,
    }))
    if (wanted('browser')) sections.push(await runSection({
      id: 'browser', title: 'Browser cold start',
      run: built
        ? async () => {
            const base = baselineBuild()
            const devnet = await startDevnet({ secondsPerSlot: 2, periods: 2 })
            try {
              return await benchBrowser({ dir: outDir, devnet, options, baseline: base })
            } finally {
              await devnet.stop()
            }
          }
        : failedBuild,
    }))
    if (baseline && !(baseline instanceof Error)) await baseline.close()
    baseline = undefined
    if (wanted('lighthouse')) sections.push(await runSection({
      id: 'lighthouse', title: 'Lighthouse',
      run: built
        ? async () => {
            const devnet = await startDevnet({ secondsPerSlot: 2, periods: 2 })
            try {
              return await benchLighthouse({ dir: outDir, devnet, options })
            } finally {
              await devnet.stop()
            }
          }
        : failedBuild,
    }))
    if (wanted('publish')) sections.push(await runSection({ id: 'publish', title: 'Publishing', run: built ? () => benchPublish({ dir: outDir, buildMs, options }) : failedBuild }))
  } finally {
    if (baseline && !(baseline instanceof Error)) await baseline.close()
    await rm(outDir, { recursive: true, force: true })
  }
}

await rm(pageDir, { recursive: true, force: true })

const report: BenchReport = {
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model.trim() ?? 'unknown cpu', cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverage: { start: loadAtStart, end: os.loadavg()[0]! } },
  quick,
  runs: options.runs,
  durationMs: performance.now() - started,
  sections,
}
process.stdout.write(`${renderReport(report)}\n`)
await mkdir(path.dirname(outFile), { recursive: true })
await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`)
process.stderr.write(`bench: wrote ${outFile}\n`)
const failed = sections.filter((s) => s.skipped?.startsWith('failed:'))
// Quick mode is the CI smoke test: every figure must be produced.
process.exit(quick && failed.length > 0 ? 1 : 0)
