import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Devnet } from '../../scripts/devnet/startDevnet.ts'
import { type DefaultEndpointsOverDevnet, forgeFinalizedRoot, startDefaultEndpointsOverDevnet } from '../helpers/defaultEndpointsOverDevnet.ts'
import { startTestDevnet } from '../helpers/devnet.ts'
import { runCliCaptured } from '../helpers/runCliCaptured.ts'

// `latchkey --network mainnet` with no --beacon / --rpc, under the default endpoints' real host
// names: Node's fetch reaches them through a connector that maps each name to a local TLS server
// (the certificate is made now and checked), which forwards, through a fault proxy per endpoint,
// to the mainnet-shaped devnet. Unmapped names fail, so nothing reaches the internet.
let devnet: Devnet
let endpoints: DefaultEndpointsOverDevnet
let beaconUrls: string[]
let rpcUrls: string[]
let dir: string

beforeAll(async () => {
  devnet = await startTestDevnet({ like: 'mainnet', periods: 1 })
  endpoints = await startDefaultEndpointsOverDevnet({ devnet })
  ;({ beaconUrls, rpcUrls } = endpoints)
  dir = await mkdtemp(join(tmpdir(), 'latchkey-cli-defaults-'))
})

afterAll(async () => {
  await endpoints?.close()
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const cli = (args: string[]) => runCliCaptured(args, { cwd: dir, fetch: endpoints.router.fetch })

describe('latchkey on mainnet with the default endpoints', () => {
  it('head: a checkpoint the default beacon APIs agree on, then every head verified', async () => {
    const { code, stdout, stderr } = await cli(['head', '--json', '--state-dir', 'state'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const head = JSON.parse(stdout)
    expect(head).toMatchObject({ verified: true, network: 'mainnet', chainId: 1, status: 'synced', checkpoint: { source: 'agreed' } })
    expect(head.checkpoint.agreeing.sort()).toEqual(beaconUrls.map((u) => new URL(u).host).sort())
    expect(head.endpoints.map((e: { url: string }) => e.url)).toEqual(beaconUrls)
    for (const url of beaconUrls) expect(endpoints.router.log.some((r) => r.route === url && r.path === '/eth/v1/beacon/headers/finalized')).toBe(true)
  })

  it('balance: read through the default RPCs, also through the one whose URL carries a path when the others are down', async () => {
    const address = devnet.accounts[2]
    const first = await cli(['balance', address, '--json', '--state-dir', 'state'])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ kind: 'balance', address, wei: (10_000n * 10n ** 18n).toString(), verifiedAgainst: { block: 'latest' } })
    expect(endpoints.router.log.some((r) => r.route === rpcUrls[0] && r.method === 'POST')).toBe(true)

    const withPath = rpcUrls.find((u) => new URL(u).pathname.length > 1)!
    for (const url of rpcUrls) if (url !== withPath) endpoints.proxies.get(url)!.kill()
    try {
      const second = await cli(['balance', address, '--state-dir', 'state'])
      expect(second.code).toBe(0)
      expect(second.stdout).toMatch(/^10000 ETH/)
      expect(endpoints.router.log.some((r) => r.route === withPath && r.method === 'POST' && r.path === '/')).toBe(true)
    } finally {
      for (const url of rpcUrls) endpoints.proxies.get(url)!.revive()
    }
  })

  it('takes no checkpoint when one default beacon API names another finalized root (exit 3, with what to do); a pasted root works', async () => {
    const liar = endpoints.proxies.get(beaconUrls[1])!
    liar.setRules([{ match: /^\/eth\/v1\/beacon\/headers\/finalized$/, fault: { kind: 'tamper', transform: forgeFinalizedRoot } }])
    try {
      const refused = await cli(['head', '--state-dir', 'fresh'])
      expect(refused.code).toBe(3)
      expect(refused.stderr).toMatch(/^latchkey: CheckpointConflictError: No trusted checkpoint: the beacon APIs disagree on the finalized block root: /)
      expect(refused.stderr).toContain(`from ${new URL(beaconUrls[1]).host}`)
      expect(refused.stderr).toMatch(/\n {2}Give a finalized block root from a source you trust .*\n {2}as the trusted checkpoint \(the app: Network & trust; latchkey: --checkpoint ROOT\)/)
      expect(refused.stdout).toBe('')

      const trusted = ((await (await fetch(`${devnet.beaconUrl}/eth/v1/beacon/headers/finalized`)).json()) as { data: { root: string } }).data.root
      const pasted = await cli(['head', '--json', '--state-dir', 'fresh', '--checkpoint', trusted])
      expect(pasted.code).toBe(0)
      expect(JSON.parse(pasted.stdout).checkpoint).toEqual({ root: trusted, source: 'user' })
    } finally {
      liar.clear()
    }
  })
})
