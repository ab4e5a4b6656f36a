import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeBeaconApi, startFakeBeaconApi } from '../lib/consensus/fakeBeaconApi.ts'
import { type NamedChain, ultralightElectra } from '../lib/consensus/recordedChains.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'

// Recorded mainnet data (Electra, slot ~11.7M) served as a beacon API: real signatures under
// mainnet's config, but far older than the weak-subjectivity period by the wall clock.
let chain: NamedChain
let api: FakeBeaconApi
let dir: string
beforeAll(async () => {
  chain = ultralightElectra()
  api = await startFakeBeaconApi({ chain })
  dir = await mkdtemp(join(tmpdir(), 'latchkey-cli-mainnet-'))
})
afterAll(async () => {
  await api?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const cli = (args: string[]) => runCliCaptured(args, { cwd: dir })

describe('latchkey head --network mainnet on recorded data', () => {
  it('verifies the bootstrap under mainnet\'s config, then refuses it as older than the weak-subjectivity period (exit 3)', async () => {
    const { code, stderr, stdout } = await cli(['head', '--network', 'mainnet', '--beacon', api.url, '--checkpoint', chain.checkpoint, '--json'])
    expect(code).toBe(3)
    expect(api.requests).toContain(`/eth/v1/beacon/light_client/bootstrap/${chain.checkpoint}`)
    expect(stderr).toMatch(/^latchkey: CheckpointTooOldError: The checkpoint at slot 117\d{5} is \d+ days old, older than the weak-subjectivity period \(14 days\)\./)
    expect(JSON.parse(stdout)).toMatchObject({ verified: false, exitCode: 3, error: { name: 'CheckpointTooOldError' } })
  })

  it('under another network\'s config the same checkpoint does not verify', async () => {
    const { code, stderr } = await cli(['head', '--network', 'sepolia', '--beacon', api.url, '--checkpoint', chain.checkpoint])
    expect(code).toBe(3)
    // Sepolia's schedule puts that slot in another fork: the endpoint's data is proven wrong for this network.
    expect(stderr).toMatch(/^latchkey: AllEndpointsFailedError: No beacon API could serve \/eth\/v1\/beacon\/light_client\/bootstrap\/0x[0-9a-f]{64}: the only one was caught serving data that fails verification\.\n {2}http:\/\/127\.0\.0\.1:\d+: ForkMismatchError: /)
  })

  it('a single beacon API cannot vouch for a checkpoint alone: exit 3 when it names one, 4 when it names none', async () => {
    const single = await startFakeBeaconApi({
      chain,
      override: (path) => (path === '/eth/v1/beacon/headers/finalized' ? { body: { data: { root: chain.checkpoint } } } : undefined),
    })
    try {
      const named = await cli(['head', '--network', 'mainnet', '--beacon', single.url, '--state-dir', join(dir, 'none')])
      expect(named.code).toBe(3)
      expect(named.stderr).toMatch(/^latchkey: NoCheckpointError: No trusted checkpoint: fewer than 2 independent beacon APIs agree on a finalized root/)
      expect(named.stderr).toContain('Paste a trusted finalized block root')
    } finally {
      await single.close()
    }
    const silent = await cli(['head', '--network', 'mainnet', '--beacon', api.url, '--state-dir', join(dir, 'none')])
    expect(silent.code).toBe(4)
    expect(silent.stderr).toMatch(/^latchkey: NoCheckpointError: No trusted checkpoint: no beacon API answered with its finalized block root/)
  })
})
