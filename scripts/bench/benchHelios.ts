import { computeSyncCommitteePeriodAtSlot } from '../../src/lib/consensus/spec/computeSyncCommitteePeriodAtSlot.ts'
import { randomBytes } from 'node:crypto'
import type { Devnet } from '../devnet/startDevnet.ts'
import { LightClient } from '../../src/lib/consensus/LightClient.ts'
import type { Network } from '../../src/lib/consensus/networks.ts'
import { createVerifiedRequest } from '../../src/lib/rpc/createVerifiedRequest.ts'
import { createCountingFetch } from './createCountingFetch.ts'
import { time, toMetric } from './measure.ts'
import { pairedRatios } from './summarize.ts'
import { type BenchOptions, type SectionResult, createSection } from './types.ts'

type Eip1193 = { request(args: { method: string; params: unknown[] }): Promise<unknown>; waitSynced(): Promise<void>; shutdown(): Promise<void> }

export type BenchHeliosParameters = { devnet: Devnet; network: Network; options: BenchOptions }

async function startHelios(devnet: Devnet): Promise<Eip1193> {
  // Helios' WASM glue looks for a worker scope in Node (as in tests/scripts/devnet/helios.test.ts).
  const scope = globalThis as { WorkerGlobalScope?: unknown }
  scope.WorkerGlobalScope ??= class { static [Symbol.hasInstance](x: unknown) { return x === globalThis } }
  const { createHeliosProvider } = await import('@a16z/helios')
  const provider = await createHeliosProvider({ executionRpc: devnet.rpcUrl, consensusRpc: devnet.beaconUrl, checkpoint: devnet.checkpointRoot, network: 'mainnet', dbType: 'config' }, 'ethereum')
  await provider.waitSynced()
  return provider as unknown as Eip1193
}

async function startLatchkey({ devnet, network }: { devnet: Devnet; network: Network }): Promise<LightClient> {
  const lc = new LightClient({ network, checkpoint: devnet.checkpointRoot, minAgreeingEndpoints: 1 })
  await lc.init()
  for (let i = 0; lc.state.status !== 'synced'; i++) {
    if (i === 5) throw new Error(`Latchkey's light client did not sync: ${lc.state.status} ${lc.state.reason ?? ''}`)
    await lc.syncOnce()
  }
  return lc
}

/**
 * Helios (a16z, Rust in WASM) and Latchkey's LightClient on the mainnet-shaped devnet, same beacon
 * API, same execution RPC, same checkpoint, in the same Node process: start-to-synced-head and
 * verified eth_getBalance, interleaved per run.
 */
export async function benchHelios({ devnet, network, options }: BenchHeliosParameters): Promise<SectionResult> {
  const section = createSection('helios', 'Peer comparison with Helios 0.11.1 in Node (mainnet-shaped devnet, same endpoints and checkpoint)')
  const originalFetch = globalThis.fetch
  const counter = createCountingFetch({ fetch: originalFetch })
  globalThis.fetch = counter.fetch
  try {
    const firstHelios = await time(() => startHelios(devnet))
    await firstHelios.value.shutdown()
    const firstLatchkey = await time(() => startLatchkey({ devnet, network }))
    counter.take()

    const heliosSync: number[] = []
    const latchkeySync: number[] = []
    const heliosBalance: number[] = []
    const latchkeyBalance: number[] = []
    const heliosRepeat: number[] = []
    const latchkeyRepeat: number[] = []
    const trips: string[][] = []
    const address = devnet.accounts[1]!
    const iterations = options.quick ? 3 : 10
    for (let run = 0; run < options.runs; run++) {
      const heliosFirst = run % 2 === 0
      let helios: Eip1193 | undefined
      let lc: LightClient | undefined
      for (const who of heliosFirst ? ['helios', 'latchkey'] : ['latchkey', 'helios']) {
        if (who === 'helios') {
          const t = await time(() => startHelios(devnet))
          helios = t.value
          heliosSync.push(t.ms)
        } else {
          const t = await time(() => startLatchkey({ devnet, network }))
          lc = t.value
          latchkeySync.push(t.ms)
        }
      }
      counter.take()
      const { request } = createVerifiedRequest({ headers: lc!, rpcs: [devnet.rpcUrl], chainId: devnet.chainId })
      const heliosGet = (who = address) => helios!.request({ method: 'eth_getBalance', params: [who, 'latest'] })
      const latchkeyGet = (who = address) => request({ method: 'eth_getBalance', params: [who, 'latest'] })
      const [h, l] = [await heliosGet(), await latchkeyGet()]
      if (BigInt(h as string) !== BigInt(l as string)) throw new Error(`Helios says ${String(h)}, Latchkey ${String(l)} for ${address}`)
      if (run === 0) {
        counter.take()
        await heliosGet()
        const heliosTrips = counter.take()
        await latchkeyGet()
        const latchkeyTrips = counter.take()
        const describe = (records: typeof heliosTrips) => records.map((r) => r.methods.join('+') || new URL(r.url).pathname).join(', ')
        trips.push(['verified getBalance, same address again', String(latchkeyTrips.length), describe(latchkeyTrips), String(heliosTrips.length), describe(heliosTrips)])
        const fresh = `0x${randomBytes(20).toString('hex')}` as const
        await heliosGet(fresh)
        const heliosFresh = counter.take()
        await latchkeyGet(fresh)
        const latchkeyFresh = counter.take()
        trips.push(['verified getBalance, new address', String(latchkeyFresh.length), describe(latchkeyFresh), String(heliosFresh.length), describe(heliosFresh)])
      }
      for (let i = 0; i < iterations; i++) {
        // A new address per iteration (same for both): no cached proof can answer it.
        const fresh = `0x${randomBytes(20).toString('hex')}` as const
        for (const who of i % 2 === 0 ? ['helios', 'latchkey'] : ['latchkey', 'helios']) {
          const { ms } = await time(() => (who === 'helios' ? heliosGet(fresh) : latchkeyGet(fresh)))
          ;(who === 'helios' ? heliosBalance : latchkeyBalance).push(ms)
          const again = await time(() => (who === 'helios' ? heliosGet() : latchkeyGet()))
          ;(who === 'helios' ? heliosRepeat : latchkeyRepeat).push(again.ms)
        }
      }
      await helios!.shutdown()
      counter.take()
    }
    section.metrics.push(
      toMetric({ metric: 'first start to synced head: Helios (incl. WASM load)', unit: 'ms', samples: [firstHelios.ms], note: 'one sample' }),
      toMetric({ metric: 'first start to synced head: Latchkey', unit: 'ms', samples: [firstLatchkey.ms], note: 'one sample' }),
      toMetric({ metric: 'start to synced head: Helios', unit: 'ms', samples: heliosSync }),
      toMetric({ metric: 'start to synced head: Latchkey', unit: 'ms', samples: latchkeySync }),
      toMetric({ metric: 'start to synced head: Latchkey / Helios', unit: 'x', samples: pairedRatios({ numerators: latchkeySync, denominators: heliosSync }) }),
      toMetric({ metric: 'verified getBalance (new address): Helios', unit: 'ms', samples: heliosBalance }),
      toMetric({ metric: 'verified getBalance (new address): Latchkey', unit: 'ms', samples: latchkeyBalance }),
      toMetric({ metric: 'verified getBalance (new address): Latchkey / Helios', unit: 'x', samples: pairedRatios({ numerators: latchkeyBalance, denominators: heliosBalance }) }),
      toMetric({ metric: 'verified getBalance (same address): Helios', unit: 'ms', samples: heliosRepeat, note: 'Helios answers from its cache' }),
      toMetric({ metric: 'verified getBalance (same address): Latchkey', unit: 'ms', samples: latchkeyRepeat, note: 'cached per block hash: no request' }),
      toMetric({ metric: 'verified getBalance (same address): Latchkey / Helios', unit: 'x', samples: pairedRatios({ numerators: latchkeyRepeat, denominators: heliosRepeat }), note: 'target <= 1.1' }),
    )
    section.tables.push({ title: 'HTTP round trips', header: ['call', 'Latchkey', 'Latchkey requests', 'Helios', 'Helios requests'], rows: trips, alignRight: [1, 3] })
    section.notes.push(
      `Checkpoint ${computeSyncCommitteePeriodAtSlot(devnet.headSlot) - computeSyncCommitteePeriodAtSlot(devnet.checkpointSlot)} sync-committee periods behind the head; both use the devnet's beacon API and anvil directly (loopback), no persistence (Helios dbType "config").`,
      'The same comparison in one headless Chromium page follows in its own section.',
    )
    return section
  } finally {
    globalThis.fetch = originalFetch
  }
}
