import { computeSyncCommitteePeriodAtSlot } from '../../src/lib/consensus/spec/computeSyncCommitteePeriodAtSlot.ts'
import type { Devnet } from '../devnet/startDevnet.ts'
import { toMetric } from './measure.ts'
import { type LightClientWorkInput, type LightClientWorkResult, measureLightClientWork } from './measureLightClientWork.ts'
import { pairedRatios } from './summarize.ts'
import { type BenchOptions, type Metric, type SectionResult, createSection } from './types.ts'


export type BenchLightClientParameters = { devnet: Devnet; options: BenchOptions }

/** The measurement's input for a devnet, as JSON (also handed to the bench page in Chromium). */
export function lightClientWorkInput({ devnet, runs, overHttp }: { devnet: Devnet; runs: number; overHttp: boolean }): LightClientWorkInput {
  return {
    network: { name: 'devnet', specJson: devnet.chainConfig, genesisValidatorsRoot: devnet.genesisValidatorsRoot, genesisTime: devnet.genesisTime },
    beaconUrl: devnet.beaconUrl,
    checkpointRoot: devnet.checkpointRoot,
    checkpointSlot: devnet.checkpointSlot,
    secondsPerSlot: devnet.secondsPerSlot,
    runs,
    overHttp,
  }
}

/** The figures of one light-client work measurement, with per-iteration ratios to its BLS operations. */
export function lightClientWorkMetrics({ result, handOvers }: { result: LightClientWorkResult; handOvers: number }): Metric[] {
  const { samples } = result
  const sum = (...lists: number[][]) => lists[0]!.map((_, i) => lists.reduce((a, l) => a + l[i]!, 0))
  const blsHandOver = sum(samples.decompress, samples.aggregate, samples.verify)
  const blsFinality = sum(samples.aggregate, samples.verify)
  return [
    toMetric({ metric: `BLS: decompress ${result.committeeKeys} committee keys`, unit: 'ms', samples: samples.decompress }),
    toMetric({ metric: `BLS: aggregate ${result.signers} signer keys`, unit: 'ms', samples: samples.aggregate }),
    toMetric({ metric: 'BLS: 1 signature check (incl. decode)', unit: 'ms', samples: samples.verify }),
    toMetric({ metric: 'bootstrap (decode+verify+store)', unit: 'ms', samples: samples.bootstrap }),
    toMetric({ metric: 'bootstrap / BLS (decompress)', unit: 'x', samples: pairedRatios({ numerators: samples.bootstrap, denominators: samples.decompress }) }),
    toMetric({ metric: 'committee hand-over (1 update)', unit: 'ms', samples: samples.handOver }),
    toMetric({ metric: 'hand-over / BLS (decompress+agg+verify)', unit: 'x', samples: pairedRatios({ numerators: samples.handOver, denominators: blsHandOver }) }),
    toMetric({ metric: 'finality update', unit: 'ms', samples: samples.finality }),
    toMetric({ metric: 'finality / BLS (agg+verify)', unit: 'x', samples: pairedRatios({ numerators: samples.finality, denominators: blsFinality }) }),
    toMetric({ metric: 'bootstrap: Lodestar LightclientSpec (before)', unit: 'ms', samples: samples.lodestarBootstrap }),
    toMetric({ metric: 'bootstrap: Lodestar / own core', unit: 'x', samples: pairedRatios({ numerators: samples.lodestarBootstrap, denominators: samples.bootstrap }) }),
    toMetric({ metric: 'committee hand-over: Lodestar LightclientSpec (before)', unit: 'ms', samples: samples.lodestarHandOver }),
    toMetric({ metric: 'hand-over: Lodestar / own core', unit: 'x', samples: pairedRatios({ numerators: samples.lodestarHandOver, denominators: samples.handOver }) }),
    toMetric({ metric: 'finality update: Lodestar LightclientSpec (before)', unit: 'ms', samples: samples.lodestarFinality }),
    ...Object.entries(result.backends).flatMap(([name, b]) => [
      toMetric({ metric: `own core [${name}]: bootstrap`, unit: 'ms', samples: b.bootstrap }),
      toMetric({ metric: `own core [${name}]: committee hand-over`, unit: 'ms', samples: b.handOver, note: `${result.nonSigners} non-signers decompressed` }),
      toMetric({ metric: `own core [${name}]: finality update`, unit: 'ms', samples: b.finality }),
      toMetric({ metric: `own core [${name}]: full committee validation (idle)`, unit: 'ms', samples: b.validate, note: '512 keys validated, summed, compared' }),
      toMetric({ metric: `BLS [${name}]: decompress+validate 512 keys`, unit: 'ms', samples: b.keys }),
      toMetric({ metric: `BLS [${name}]: 1 signature check`, unit: 'ms', samples: b.verify }),
    ]),
    ...(samples.init.length === 0 ? [] : [
      toMetric({ metric: 'LightClient.init() over HTTP (bootstrap)', unit: 'ms', samples: samples.init }),
      toMetric({ metric: 'LightClient.syncOnce(): checkpoint -> synced head', unit: 'ms', samples: samples.sync, note: `${handOvers} hand-overs + finality + optimistic` }),
    ]),
  ]
}

/**
 * Light-client work in Node: a bootstrap, a committee hand-over and a finality update (data
 * already fetched), each divided by the raw BLS operations it needs; plus the LightClient over
 * loopback HTTP. The same measurement runs in Chromium in benchBrowserWork.
 */
export async function benchLightClient({ devnet, options }: BenchLightClientParameters): Promise<SectionResult> {
  const section = createSection('lightClient', 'Light-client work in Node (devnet, mainnet preset, 512-key committees)')
  const result = await measureLightClientWork(lightClientWorkInput({ devnet, runs: options.runs, overHttp: true }))
  const handOvers = computeSyncCommitteePeriodAtSlot(devnet.headSlot) - computeSyncCommitteePeriodAtSlot(devnet.checkpointSlot)
  section.metrics.push(...lightClientWorkMetrics({ result, handOvers }))
  section.notes.push(
    `Plain names (bootstrap, committee hand-over, finality update, LightClient.*): the own core with the app's backend here, ${result.appBackend}; "(before)": Lodestar's LightclientSpec on the same data.`,
    `Raw BLS rows: @chainsafe/bls ${result.blsImplementation} (what @lodestar/light-client uses); ratios are per iteration, first iteration dropped as warm-up.`,
  )
  section.details = { blsImplementation: result.blsImplementation, appBackend: result.appBackend, checkpointSlot: devnet.checkpointSlot, headSlot: devnet.headSlot, signers: result.signers, nonSigners: result.nonSigners }
  return section
}
