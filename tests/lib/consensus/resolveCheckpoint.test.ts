import { ssz } from '@lodestar/types'
import { bytesToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { BeaconEndpointPool } from '../../../src/lib/consensus/BeaconEndpointPool.ts'
import { CheckpointConflictError, NoCheckpointError } from '../../../src/lib/consensus/errors.ts'
import { resolveCheckpoint } from '../../../src/lib/consensus/resolveCheckpoint.ts'
import { exitCodeOf } from '../../../src/cli/exitCodeOf.ts'

/** A finalized header answer as beacon nodes send it: the root is the header's own root. */
function finalizedAnswer(slot: number) {
  const message = { ...ssz.phase0.BeaconBlockHeader.defaultValue(), slot, proposerIndex: 7 }
  const root = bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(message))
  return { root, body: { data: { root, canonical: true, header: { message: ssz.phase0.BeaconBlockHeader.toJson(message) } } } }
}

/** A pool over fake hosts; `answers(host, call)` gives the finalized header each host sends on its nth question. */
function poolOf(hosts: string[], answers: (host: string, call: number) => { body: unknown } | undefined) {
  const calls = new Map<string, number>()
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input))
    const n = calls.get(url.host) ?? 0
    calls.set(url.host, n + 1)
    const answer = answers(url.host, n)
    if (!answer) return new Response('{"message":"not found"}', { status: 404, headers: { 'content-type': 'application/json' } })
    return new Response(JSON.stringify(answer.body), { headers: { 'content-type': 'application/json' } })
  }) as typeof globalThis.fetch
  return { pool: new BeaconEndpointPool({ urls: hosts.map((h) => `https://${h}`), fetch }), calls }
}

const noWait = async () => undefined
const [honest, forged, older] = [finalizedAnswer(9_000_064), finalizedAnswer(9_000_064 + 1), finalizedAnswer(9_000_032)]

describe('resolveCheckpoint', () => {
  it('takes the root every answering endpoint names, and says which hosts agreed', async () => {
    const { pool } = poolOf(['a.example', 'b.example', 'c.example'], () => honest)
    expect(await resolveCheckpoint({ pool, sleep: noWait })).toEqual({ root: honest.root, source: 'agreed', agreeing: ['a.example', 'b.example', 'c.example'] })
  })

  it('takes no root when one endpoint names another, even against a majority, and names both sides', async () => {
    const { pool, calls } = poolOf(['a.example', 'b.example', 'evil.example'], (host) => (host === 'evil.example' ? forged : honest))
    const error = await resolveCheckpoint({ pool, sleep: noWait }).catch((e) => e)
    expect(error).toBeInstanceOf(CheckpointConflictError)
    expect(error.roots).toEqual([
      { root: honest.root, slot: 9_000_064, endpoints: ['https://a.example', 'https://b.example'] },
      { root: forged.root, slot: 9_000_065, endpoints: ['https://evil.example'] },
    ])
    expect(error.shortMessage).toContain(`${forged.root.slice(0, 10)}… (slot 9000065) from evil.example`)
    expect(error.message).toContain('Paste a finalized block root from a source you trust')
    // Asked twice: a disagreement gets a second chance before it is reported.
    expect(calls.get('evil.example')).toBe(2)
    expect(exitCodeOf(error)).toBe(3)
  })

  it('rides out honest endpoints straddling a finality step: asks again and takes the root they then agree on', async () => {
    let slept = 0
    const { pool } = poolOf(['a.example', 'b.example'], (host, call) => (host === 'b.example' && call === 0 ? older : honest))
    const result = await resolveCheckpoint({ pool, sleep: async (ms) => { slept = ms } })
    expect(result).toMatchObject({ root: honest.root, source: 'agreed' })
    expect(slept).toBe(3_000)
  })

  it('a shipped root (from the build) is used when endpoints disagree', async () => {
    const { pool } = poolOf(['a.example', 'b.example'], (host) => (host === 'b.example' ? forged : honest))
    const shippedRoot = `0x${'22'.repeat(32)}` as const
    expect(await resolveCheckpoint({ pool, shippedRoot, sleep: noWait })).toEqual({ root: shippedRoot, source: 'shipped' })
  })

  it('one host under two URLs is one operator; nobody answering is told apart from too few agreeing', async () => {
    const { pool } = poolOf(['a.example', 'a.example:443'], () => honest)
    const few = await resolveCheckpoint({ pool, sleep: noWait }).catch((e) => e)
    expect(few).toBeInstanceOf(NoCheckpointError)
    expect(few.message).toContain('fewer than 2 independent beacon APIs agree')
    const { pool: silent } = poolOf(['a.example', 'b.example'], () => undefined)
    const none = await resolveCheckpoint({ pool: silent, sleep: noWait }).catch((e) => e)
    expect(none).toBeInstanceOf(NoCheckpointError)
    expect(none.message).toContain('no beacon API answered')
  })

  it('refuses an answer whose root is not its header\'s root', async () => {
    const lying = { body: { data: { ...honest.body.data, root: forged.root } } }
    const { pool } = poolOf(['a.example', 'b.example'], (host) => (host === 'b.example' ? lying : honest))
    const error = await resolveCheckpoint({ pool, sleep: noWait }).catch((e) => e)
    expect(error).toBeInstanceOf(NoCheckpointError)
    expect(pool.health.find((h) => h.url === 'https://b.example')?.lastError?.name).toBe('MalformedResponseError')
  })
})
