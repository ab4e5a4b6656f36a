import { computeSyncCommitteePeriodAtSlot } from '../../src/lib/consensus/spec/computeSyncCommitteePeriodAtSlot.ts'
import { rm } from 'node:fs/promises'
import type { Devnet } from '../devnet/startDevnet.ts'
import type { StartRun } from './browserStartFlows.ts'
import { createProfileDir } from './launchChromium.ts'
import { toMetric } from './measure.ts'
import { startBrowserRobot } from './startBrowserRobot.ts'
import { pairedRatios } from './summarize.ts'
import { serveBuildOverGateway } from './serveBuildOverGateway.ts'
import { writeFloorPage } from './writeFloorPage.ts'
import { type BenchOptions, type SectionResult, createSection } from './types.ts'

export type BenchBrowserParameters = {
  dir: string
  devnet: Devnet
  options: BenchOptions
  /** Another build (`--baseline REF`): run alternately with this one, reported beside it with paired ratios. */
  baseline?: { dir: string; label: string }
}

type Run = StartRun

/**
 * Browser cold and warm start: the production build served by the local Helia gateway (subdomain
 * form), headless Chromium, the devnet's connect link with its checkpoint two committee periods
 * behind the head. Times are the page's own clock from navigation start.
 */
export async function benchBrowser({ dir, devnet, options, baseline }: BenchBrowserParameters): Promise<SectionResult> {
  const section = createSection('browser', 'Browser cold and warm start (headless Chromium, production build via the Helia gateway)')
  const served = await serveBuildOverGateway({ dir })
  const floorDir = await writeFloorPage()
  const servedFloor = await serveBuildOverGateway({ dir: floorDir }).catch(async (error) => { await served.close(); throw error })
  const servedBaseline = baseline ? await serveBuildOverGateway({ dir: baseline.dir }).catch(async (error) => { await served.close(); throw error }) : undefined
  const robot = await startBrowserRobot().catch(async (error) => { await served.close(); await servedBaseline?.close(); throw error })
  const { cold: coldStart, warm: warmStart } = robot
  const cold: Run[] = []
  const warm: Run[] = []
  const baseCold: Run[] = []
  const baseWarm: Run[] = []
  const sw: Run[] = []
  const baseSw: Run[] = []
  const floorCold: Run[] = []
  const floorWarm: Run[] = []
  try {
    const connect = new URLSearchParams({ network: 'devnet', beacon: devnet.beaconUrl, rpc: devnet.rpcUrl, checkpoint: devnet.checkpointRoot })
    const oneRun = async (url: string, into: { cold: Run[]; warm: Run[]; sw: Run[] }) => {
      const profile = await createProfileDir()
      try {
        into.cold.push(await coldStart({ profile, url: `${url}#/connect?${connect}`, address: devnet.accounts[0]! }))
        const warmRun = await warmStart({ profile, url: `${url}#/home`, thenServiceWorker: true })
        into.warm.push(warmRun)
        // A third start once the copy's service worker is active (a later visit: the usual case).
        if (warmRun.serviceWorker) {
          const controlled = await warmStart({ profile, url: `${url}#/home` })
          if (controlled.controlled) into.sw.push(controlled)
        }
      } finally {
        await rm(profile, { recursive: true, force: true })
      }
    }
    // Each run relaunches Chromium twice and syncs from the checkpoint: 3 runs keep the bench within
    // minutes. With a baseline, A and B alternate (order flipped every run) so load drifts cancel.
    const runs = options.quick ? (servedBaseline ? 2 : 1) : Math.min(options.runs, servedBaseline ? 9 : 3)
    for (let run = 0; run < runs; run++) {
      const mine = () => oneRun(served.subdomainUrl, { cold, warm, sw })
      const theirs = () => oneRun(servedBaseline!.subdomainUrl, { cold: baseCold, warm: baseWarm, sw: baseSw })
      if (!servedBaseline) await mine()
      else if (run % 2 === 0) { await theirs(); await mine() }
      else { await mine(); await theirs() }
      // The floor right after (same load): the same flows on a page that does no work.
      const profile = await createProfileDir()
      try {
        floorCold.push(await coldStart({ profile, url: `${servedFloor.subdomainUrl}#/connect?${connect}`, address: devnet.accounts[0]! }))
        floorWarm.push(await warmStart({ profile, url: `${servedFloor.subdomainUrl}#/home` }))
      } finally {
        await rm(profile, { recursive: true, force: true })
      }
    }
  } finally {
    await robot.close()
    await served.close()
    await servedFloor.close()
    await rm(floorDir, { recursive: true, force: true })
    await servedBaseline?.close()
  }
  const pick = (list: Run[], key: 'firstContentfulPaint' | 'synced' | 'verifiedBalance' | 'headBalance') => list.map((r) => r[key] ?? Number.NaN)
  const warmAction = 'unlock submitted'
  for (const [name, list, action] of [['cold', cold, 'watch-address form submitted'], ['warm', warm, warmAction]] as const) {
    section.metrics.push(
      toMetric({ metric: `${name}: first contentful paint`, unit: 'ms', samples: pick(list, 'firstContentfulPaint') }),
      ...(list.every((r) => r.scriptsLoaded !== undefined) ? [toMetric({ metric: `${name}: last app .js file received`, unit: 'ms', samples: list.map((r) => r.scriptsLoaded!), note: 'page only (a worker fetches its own)' })] : []),
      ...(list.every((r) => r.running !== undefined) ? [toMetric({ metric: `${name}: light client running (worker loaded, first state)`, unit: 'ms', samples: list.map((r) => r.running!), note: 'data-light-client="running"' })] : []),
      ...(list.every((r) => r.syncing !== undefined) ? [toMetric({ metric: `${name}: bootstrapped (status syncing)`, unit: 'ms', samples: list.map((r) => r.syncing!) })] : []),
      toMetric({ metric: `${name}: synced light client`, unit: 'ms', samples: pick(list, 'synced'), note: 'data-sync-status="synced"' }),
      toMetric({ metric: `${name}: first verified balance on screen`, unit: 'ms', samples: pick(list, 'verifiedBalance'), note: 'any head, may predate the sync' }),
      toMetric({ metric: `${name}: verified balance at the synced head`, unit: 'ms', samples: pick(list, 'headBalance'), note: name === 'cold' ? 'includes the watch step' : list.some((r) => r.actionAt > 0) ? 'includes the unlock step' : 'no unlock asked' }),
      ...(list.every((r) => r.actionAt > 0) ? [toMetric({ metric: `${name}: ${action} -> balance at synced head`, unit: 'ms', samples: list.map((r) => r.headBalance! - r.actionAt) })] : []),
      toMetric({ metric: `${name}: beacon bootstrap requests`, unit: 'count', samples: list.map((r) => r.bootstraps) }),
    )
  }
  // The floor (scripts/bench/writeFloorPage.ts) and each start's time above it, paired per run.
  const floorNote = 'a page with the same controls and markers that does no work (scripts/bench/writeFloorPage.ts), same gateway, robot and load'
  for (const [name, list, floor] of [['cold', cold, floorCold], ['warm', warm, floorWarm]] as const) {
    section.metrics.push(
      toMetric({ metric: `floor: ${name}: first contentful paint`, unit: 'ms', samples: pick(floor, 'firstContentfulPaint'), note: floorNote }),
      toMetric({ metric: `floor: ${name}: verified balance at the synced head`, unit: 'ms', samples: pick(floor, 'headBalance'), note: name === 'cold' ? 'the same four robot actions' : 'shown by its first script' }),
      toMetric({ metric: `${name}: verified balance at the synced head, above the floor`, unit: 'ms', samples: pick(list, 'headBalance').map((ms, i) => ms - (floor[i]?.headBalance ?? Number.NaN)), note: 'this start minus the floor of the same run' }),
    )
  }
  // The third start, controlled by the service worker (its own names: the warm start's stay as they were).
  const swNote = 'a third start, once the service worker is active: the page controlled by it'
  if (sw.length > 0)
    section.metrics.push(
      toMetric({ metric: 'warm, service worker: first contentful paint', unit: 'ms', samples: pick(sw, 'firstContentfulPaint'), note: swNote }),
      ...(sw.every((r) => r.running !== undefined) ? [toMetric({ metric: 'warm, service worker: light client running', unit: 'ms', samples: sw.map((r) => r.running!) })] : []),
      toMetric({ metric: 'warm, service worker: synced light client', unit: 'ms', samples: pick(sw, 'synced') }),
      toMetric({ metric: 'warm, service worker: verified balance at the synced head', unit: 'ms', samples: pick(sw, 'headBalance') }),
    )
  if (baseline) {
    const swPairs = sw.length === baseSw.length && sw.length === warm.length ? [['warm, service worker', sw, baseSw] as const] : []
    for (const [name, list, base] of [['cold', cold, baseCold], ['warm', warm, baseWarm], ...swPairs] as const) {
      for (const key of ['running', 'synced', 'headBalance'] as const) {
        const label = { running: 'light client running', synced: 'synced light client', headBalance: 'verified balance at the synced head' }[key]
        const mine = list.map((r) => r[key] ?? Number.NaN)
        const theirs = base.map((r) => r[key] ?? Number.NaN)
        if (![...mine, ...theirs].every(Number.isFinite)) continue
        section.metrics.push(
          toMetric({ metric: `baseline ${baseline.label}: ${name}: ${label}`, unit: 'ms', samples: theirs }),
          toMetric({ metric: `${name}: ${label}: this / baseline`, unit: 'x', samples: pairedRatios({ numerators: mine, denominators: theirs }), note: 'paired per run (A and B alternate)' }),
        )
      }
    }
    section.notes.push(`Baseline ${baseline.label}: the same flow on that commit's build, served by its own gateway, runs alternating with this checkout's (A first on even runs).`)
  }
  const markers = [...new Set([...cold, ...warm].map((r) => r.marker))].join(', ')
  section.notes.push(
    `Times from navigation start (performance.now() in the page, stamped by a MutationObserver); Playwright runs in a process of its own (scripts/bench/browserRobot.ts), apart from the gateway and the devnet; DOM signals: ${markers === 'data-attributes' ? 'data-sync-status / data-verified-balance' : `${markers} (sync banner gone / "Verified at block" badge: the app's data-sync-status and data-verified-balance markers were not in this build)`}.`,
    `Cold: fresh profile, ${'#/connect'} link (devnet beacon API, anvil, checkpoint ${computeSyncCommitteePeriodAtSlot(devnet.headSlot) - computeSyncCommitteePeriodAtSlot(devnet.checkpointSlot)} periods behind the head, ${devnet.secondsPerSlot} s slots), "Add network" on its review, then "Watch an address" with the funded dev account (and a vault password if the app asks for one). Warm: the same profile relaunched on #/home (unlocked with the password if the app asks); it stays open until the copy's service worker is active (outside the timed part). Warm, service worker: the profile relaunched once more, the page controlled by that worker. The synced head's balance: a balance at the synced head's block (data-head-block) or later; in builds without that marker, one shown after the sync at a block above the one shown before it.`,
  )
  section.notes.push('Floor: after each run, the same cold and warm flows (same robot, gateway and load) on a page with the same controls and DOM markers that does no work (scripts/bench/writeFloorPage.ts): what this machine\'s Chromium, the gateway and the robot take by themselves. "Above the floor" is each start minus the floor of its run.')
  if (warm.some((r) => r.bootstraps > 0))
    section.notes.push('The warm start fetched a bootstrap again: a network set up from a #/connect link carries its checkpoint, and LightClient uses the saved header only when no checkpoint was given by the user (src/lib/consensus/LightClient.ts), so the persisted header is not used here.')
  const errors = [...cold, ...warm].flatMap((r) => r.errors)
  if (errors.length > 0) section.notes.push(`page errors: ${[...new Set(errors)].slice(0, 3).join(' | ')}`)
  if (sw.length < warm.length) section.notes.push(`The third start (controlled by the service worker) ran in ${sw.length} of ${warm.length} runs: the worker did not become active (or did not control the page) in the others.`)
  section.details = { cid: served.cid, cold, warm, serviceWorker: sw, ...(baseline ? { baseline: { label: baseline.label, cold: baseCold, warm: baseWarm, serviceWorker: baseSw } } : {}) }
  return section
}
