import { ssz } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { CheckpointConflictError, NoCheckpointError } from '../../../src/lib/consensus/errors.ts'
import { httpTransport } from '../../../src/lib/consensus/httpTransport.ts'
import { createNetworkConfig, getNetwork } from '../../../src/lib/consensus/networks.ts'
import { resolveCheckpoint } from '../../../src/lib/consensus/resolveCheckpoint.ts'
import { exitCodeOf } from '../../../src/cli/exitCodeOf.ts'

/** A finalized header answer as beacon nodes send it: the root is the header's own root. */
function finalizedAnswer(slot: number, proposerIndex = 7) {
  const message = { ...ssz.phase0.BeaconBlockHeader.defaultValue(), slot, proposerIndex }
  const root = bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(message))
  return { root, slot, body: { data: { root, canonical: true, header: { message: ssz.phase0.BeaconBlockHeader.toJson(message) } } } }
}

type Answer = ReturnType<typeof finalizedAnswer>
/** What one host serves: its finalized header and the canonical blocks it knows, by slot. */
type View = { finalized?: Answer | { body: unknown }; blocks?: Answer[] }

const config = createNetworkConfig(getNetwork({ name: 'mainnet' }))

/** The HTTP transport (and its pool) over fake hosts; `views(host)` is what each host serves. */
function transportOf(hosts: string[], views: (host: string) => View) {
  const calls = new Map<string, string[]>()
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input))
    calls.set(url.host, [...(calls.get(url.host) ?? []), url.pathname])
    const view = views(url.host)
    const slot = /^\/eth\/v1\/beacon\/headers\/(\d+)$/.exec(url.pathname)?.[1]
    const answer = url.pathname === '/eth/v1/beacon/headers/finalized' ? view.finalized
      : slot !== undefined ? view.blocks?.find((b) => b.slot === Number(slot)) : undefined
    if (!answer) return new Response('{"message":"not found"}', { status: 404, headers: { 'content-type': 'application/json' } })
    return new Response(JSON.stringify(answer.body), { headers: { 'content-type': 'application/json' } })
  }) as typeof globalThis.fetch
  const transport = httpTransport({ urls: hosts.map((h) => `https://${h}`), fetch })({ config, now: () => Date.now(), onHealthChange: () => {} })
  return { transport, calls }
}

// One honest chain (an older finalized block, then the current one) and forgeries of it.
const [older, honest] = [finalizedAnswer(9_000_032), finalizedAnswer(9_000_064)]
const honestChain: View = { finalized: honest, blocks: [older, honest] }
const behindChain: View = { finalized: older, blocks: [older] }
const sameSlotForgery = finalizedAnswer(9_000_064, 666)
const newerForgery = finalizedAnswer(9_000_096, 666)

describe('resolveCheckpoint', () => {
  it('takes the root every answering endpoint names, and says which hosts agreed', async () => {
    const { transport } = transportOf(['a.example', 'b.example', 'c.example'], () => honestChain)
    expect(await resolveCheckpoint({ transport })).toEqual({ root: honest.root, source: 'agreed', agreeing: ['a.example', 'b.example', 'c.example'] })
  })

  it('takes no root when one endpoint names another block at the same slot, even against a majority, and names both sides', async () => {
    const { transport } = transportOf(['a.example', 'b.example', 'evil.example'], (host) => (host === 'evil.example' ? { finalized: sameSlotForgery, blocks: [older, sameSlotForgery] } : honestChain))
    const error = await resolveCheckpoint({ transport }).catch((e) => e)
    expect(error).toBeInstanceOf(CheckpointConflictError)
    expect(error.roots).toEqual([
      { root: honest.root, slot: 9_000_064, endpoints: ['https://a.example', 'https://b.example'] },
      { root: sameSlotForgery.root, slot: 9_000_064, endpoints: ['https://evil.example'] },
    ])
    expect(error.shortMessage).toContain(`${sameSlotForgery.root.slice(0, 10)}… (slot 9000064) from evil.example`)
    expect(error.message).toContain('Give a finalized block root from a source you trust')
    expect(exitCodeOf(error)).toBe(3)
  })

  it('takes no root when an older root is not on the chain of the endpoints that name a newer one', async () => {
    // evil claims an older finalized block that the others' chain does not hold at that slot.
    const fakeOld = finalizedAnswer(9_000_032, 666)
    const { transport } = transportOf(['a.example', 'b.example', 'evil.example'], (host) => (host === 'evil.example' ? { finalized: fakeOld, blocks: [fakeOld] } : honestChain))
    await expect(resolveCheckpoint({ transport })).rejects.toBeInstanceOf(CheckpointConflictError)
    // The same when an endpoint naming the newer root does not answer for the older slot.
    const { transport: silent } = transportOf(['a.example', 'b.example', 'c.example'], (host) => (host === 'c.example' ? behindChain : host === 'b.example' ? { finalized: honest } : honestChain))
    await expect(resolveCheckpoint({ transport: silent })).rejects.toBeInstanceOf(CheckpointConflictError)
  })

  it('an endpoint whose finality is behind is consistent when the others hold its root: the newest root enough hosts vouch for is taken', async () => {
    const { transport, calls } = transportOf(['a.example', 'b.example', 'slow.example'], (host) => (host === 'slow.example' ? behindChain : honestChain))
    expect(await resolveCheckpoint({ transport })).toEqual({ root: honest.root, source: 'agreed', agreeing: ['a.example', 'b.example'] })
    // Each endpoint with the newer root was asked for its block at the older root's slot.
    expect(calls.get('a.example')).toEqual(['/eth/v1/beacon/headers/finalized', '/eth/v1/beacon/headers/9000032'])
    expect(calls.get('slow.example')).toEqual(['/eth/v1/beacon/headers/finalized'])
    // Straddling a finality step, one ahead and one behind: the older root, which both vouch for.
    const { transport: two } = transportOf(['a.example', 'slow.example'], (host) => (host === 'slow.example' ? behindChain : honestChain))
    expect(await resolveCheckpoint({ transport: two })).toEqual({ root: older.root, source: 'agreed', agreeing: ['slow.example', 'a.example'] })
    // One endpoint ahead with a root nobody else vouches for (a forgery built on the real chain): the root the others name.
    const { transport: ahead } = transportOf(['a.example', 'b.example', 'evil.example'], (host) => (host === 'evil.example' ? { finalized: newerForgery, blocks: [older, honest, newerForgery] } : honestChain))
    expect(await resolveCheckpoint({ transport: ahead })).toMatchObject({ root: honest.root, source: 'agreed' })
  })

  it('a shipped root (from the build) is used when endpoints contradict each other', async () => {
    const { transport } = transportOf(['a.example', 'b.example'], (host) => (host === 'b.example' ? { finalized: sameSlotForgery } : honestChain))
    const shippedRoot = `0x${'22'.repeat(32)}` as const
    expect(await resolveCheckpoint({ transport, shippedRoot })).toEqual({ root: shippedRoot, source: 'shipped' })
  })

  it('one host under two URLs is one operator; nobody answering is told apart from too few agreeing', async () => {
    const { transport } = transportOf(['a.example', 'a.example:443'], () => honestChain)
    const few = await resolveCheckpoint({ transport }).catch((e) => e)
    expect(few).toBeInstanceOf(NoCheckpointError)
    expect(few.message).toContain('fewer than 2 independent beacon APIs agree')
    const { transport: silent } = transportOf(['a.example', 'b.example'], () => ({}))
    const none = await resolveCheckpoint({ transport: silent }).catch((e) => e)
    expect(none).toBeInstanceOf(NoCheckpointError)
    expect(none.message).toContain('no beacon API answered')
  })

  it('refuses an answer whose root is not its header\'s root', async () => {
    const lying = { body: { data: { ...honest.body.data, root: sameSlotForgery.root } } }
    const { transport } = transportOf(['a.example', 'b.example'], (host) => (host === 'b.example' ? { finalized: lying } : honestChain))
    const error = await resolveCheckpoint({ transport }).catch((e) => e)
    expect(error).toBeInstanceOf(NoCheckpointError)
    expect(transport.pool.health.find((h) => h.url === 'https://b.example')?.lastError?.name).toBe('MalformedResponseError')
  })
})
