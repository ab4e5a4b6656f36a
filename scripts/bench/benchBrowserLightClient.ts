import { computeSyncCommitteePeriodAtSlot } from '../../src/lib/consensus/spec/computeSyncCommitteePeriodAtSlot.ts'
import type { Devnet } from '../devnet/startDevnet.ts'
import { lightClientWorkInput, lightClientWorkMetrics } from './benchLightClient.ts'
import type { LightClientWorkResult } from './measureLightClientWork.ts'
import type { BenchPage } from './openBenchPage.ts'
import { type BenchOptions, type SectionResult, createSection } from './types.ts'


/**
 * Light-client work in headless Chromium: the same measurement as in Node (measureLightClientWork),
 * run in the bench page: the own core with noble and with herumi WASM (@chainsafe/bls's browser pick), and Lodestar's spec.
 */
export async function benchBrowserLightClient({ benchPage, devnet, options }: { benchPage: BenchPage; devnet: Devnet; options: BenchOptions }): Promise<SectionResult> {
  const section = createSection('browserLightClient', 'Light-client work in headless Chromium (bench page, devnet, 512-key committees)')
  // herumi takes about a second per committee here: fewer runs than in Node keep the bench within minutes.
  const runs = options.quick ? options.runs : Math.min(options.runs, 5)
  const result = await benchPage.call<LightClientWorkResult>('lightClientWork', lightClientWorkInput({ devnet, runs, overHttp: false }))
  const handOvers = computeSyncCommitteePeriodAtSlot(devnet.headSlot) - computeSyncCommitteePeriodAtSlot(devnet.checkpointSlot)
  section.metrics.push(...lightClientWorkMetrics({ result, handOvers }))
  section.notes.push(
    `Plain names: the own core with the app's browser backend, ${result.appBackend}; "(before)": Lodestar's LightclientSpec with @chainsafe/bls ${result.blsImplementation}. On the main thread of the page (the app's worker runs the same code). Ratios per iteration, first iteration dropped as warm-up.`,
    'Bench page: scripts/bench/page built with the app\'s vite.config.ts, served on 127.0.0.1; beacon API: the devnet (CORS). Start to synced head over HTTP in the browser: see the Helios comparison.',
  )
  section.details = { blsImplementation: result.blsImplementation, appBackend: result.appBackend, signers: result.signers, nonSigners: result.nonSigners }
  return section
}
