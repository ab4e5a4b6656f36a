import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { lightClientWorkInput } from '../../../scripts/bench/benchLightClient.ts'
import { buildBenchPage } from '../../../scripts/bench/buildBenchPage.ts'
import type { LightClientWorkResult } from '../../../scripts/bench/measureLightClientWork.ts'
import { type BenchPage, openBenchPage } from '../../../scripts/bench/openBenchPage.ts'
import type { Devnet } from '../../../scripts/devnet/startDevnet.ts'
import { startTestDevnet } from '../../helpers/devnet.ts'

// The bench page is built with its own settings (the full Buffer polyfill its peers need), and a
// build change once broke it unseen until a full bench ran: build it and run one light-client
// measurement there, with every candidate backend and Lodestar's spec, as the bench does.
let dir: string
let devnet: Devnet
let page: BenchPage | undefined

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-bench-page-'))
  ;[devnet] = await Promise.all([startTestDevnet({ periods: 1 }), buildBenchPage({ outDir: dir })])
}, 300_000)

afterAll(async () => {
  await page?.close()
  await devnet?.stop()
  await rm(dir, { recursive: true, force: true })
})

it('builds the bench page and runs its light-client measurement in Chromium without a page error', async () => {
  page = await openBenchPage({ dir, pagePath: 'scripts/bench/page/index.html' })
  const result = await page.call<LightClientWorkResult>('lightClientWork', lightClientWorkInput({ devnet, runs: 1, overHttp: false }))
  expect(page.errors).toEqual([])
  expect(result.appBackend).toMatch(/noble/)
  expect(result.committeeKeys).toBe(513) // the 512 keys and aggregate_pubkey
  for (const [name, samples] of Object.entries(result.samples)) {
    if (name === 'init' || name === 'sync') continue // over HTTP only
    expect(samples, name).toHaveLength(1)
    expect(samples[0], name).toBeGreaterThan(0)
  }
  expect(Object.keys(result.backends).length).toBeGreaterThan(1)
}, 300_000)
