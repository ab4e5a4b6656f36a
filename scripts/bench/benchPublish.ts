import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createNode } from '../ipfs/createNode.ts'
import { publishDist } from '../ipfs/publishDist.ts'
import { measureGatewayFiles } from './measureGatewayFiles.ts'
import { time, toMetric } from './measure.ts'
import { pairedRatios } from './summarize.ts'
import { type BenchOptions, type SectionResult, createSection } from './types.ts'

export type BenchPublishParameters = { dir: string; buildMs: number[]; options: BenchOptions }

/**
 * Build + publish (import into a fresh Helia repo, pin, write the CAR) and the time a second,
 * empty Helia node takes to pin the app from the first over loopback (dial + bitswap).
 */
export async function benchPublish({ dir, buildMs, options }: BenchPublishParameters): Promise<SectionResult> {
  const section = createSection('publish', 'Publishing (Helia, loopback only)')
  const scratch = await mkdtemp(path.join(tmpdir(), 'latchkey-bench-ipfs-'))
  try {
    const publishMs: number[] = []
    let cid = ''
    for (let run = 0; run < options.runs; run++) {
      const { ms, value } = await time(() => publishDist({ dir, repo: path.join(scratch, `publish-${run}`), carPath: path.join(scratch, `app-${run}.car`) }))
      publishMs.push(ms)
      cid = value.cid.toString()
    }
    const a = await createNode({ repo: path.join(scratch, `publish-0`) })
    const pinMs: number[] = []
    try {
      const { cid: served } = await publishDist({ dir, node: a, carPath: path.join(scratch, 'served.car') })
      for (let run = 0; run < options.runs; run++) {
        const b = await createNode({ repo: path.join(scratch, `pin-${run}`) })
        try {
          const { ms } = await time(async () => {
            await b.helia.libp2p.dial(a.multiaddrs()[0]!)
            for await (const _ of b.helia.pins.add(served, { signal: AbortSignal.timeout(60_000) })) void _
          })
          if (!(await b.helia.pins.isPinned(served))) throw new Error(`the second node did not pin ${served}`)
          pinMs.push(ms)
        } finally {
          await b.stop()
        }
      }
    } finally {
      await a.stop()
    }
    section.metrics.push(
      toMetric({ metric: 'vite build', unit: 'ms', samples: buildMs }),
      toMetric({ metric: 'publish (import + pin + CAR)', unit: 'ms', samples: publishMs }),
      toMetric({ metric: 'build + publish', unit: 'ms', samples: publishMs.map((p, i) => p + buildMs[Math.min(i, buildMs.length - 1)]!) }),
      toMetric({ metric: 'second node pins the app over loopback', unit: 'ms', samples: pinMs, note: 'fresh repo; dial + fetch all blocks' }),
    )
    const served = await measureGatewayFiles({ dir, rounds: options.quick ? 5 : 20 })
    section.metrics.push(
      toMetric({ metric: 'gateway: small file, memory cache', unit: 'ms', samples: served.cached, note: `${served.files} files <= 64 KiB, one keep-alive connection, subdomain form` }),
      toMetric({ metric: 'gateway: small file, from the blockstore', unit: 'ms', samples: served.uncached, note: 'memoryCache: false: every request walks the blockstore' }),
      toMetric({ metric: 'plain static server: small file', unit: 'ms', samples: served.plain, note: 'readFile per request' }),
      toMetric({ metric: 'gateway (memory cache) / plain static server', unit: 'x', samples: pairedRatios({ numerators: served.cached, denominators: served.plain }) }),
    )
    section.notes.push(`CID ${cid} (the bench's own build of this checkout).`)
    section.details = { cid }
    return section
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
