import { ssz } from '@lodestar/types'
import { bytesToHex } from 'viem'
import type { BeaconEndpointPool } from './BeaconEndpointPool.ts'
import { CheckpointConflictError, MalformedResponseError, NoCheckpointError } from './errors.ts'
import type { Hex } from './networks.ts'

export type CheckpointSource = 'user' | 'agreed' | 'shipped'

export type ResolveCheckpointParameters = {
  pool: BeaconEndpointPool
  /** A root the user pasted: trusted as is. */
  userRoot?: Hex
  /** The build's fallback for this network. */
  shippedRoot?: Hex
  /** How many independent endpoints must name the same finalized root. */
  minAgreeing?: number
  /** Waits before asking again when the endpoints disagree (default: a timer). */
  sleep?: (ms: number) => Promise<void>
  /** How long to wait before that second question (default 3 s). */
  retryDelayMs?: number
}

export type ResolveCheckpointReturnType = { root: Hex; source: CheckpointSource; agreeing?: string[] }

const ROOT = /^0x[0-9a-f]{64}$/

type Named = { root: Hex; slot: number | undefined }
type Vote = { root: Hex; slot: number | undefined; endpoints: string[]; hosts: Set<string> }

/**
 * Picks the block root to bootstrap from: the user's, else a finalized root at least
 * `minAgreeing` endpoints on different hosts name while no endpoint names another, else the
 * shipped one. A disagreement means someone serves a false (or far outdated) chain, and a
 * majority of pipes is no proof of which: nothing is taken, unless it resolves when asked again
 * a moment later (honest endpoints straddling a finality step).
 */
export async function resolveCheckpoint(params: ResolveCheckpointParameters): Promise<ResolveCheckpointReturnType> {
  const { pool, userRoot, shippedRoot, minAgreeing = 2 } = params
  if (userRoot) {
    if (!ROOT.test(userRoot.toLowerCase())) throw new NoCheckpointError({ reason: `"${userRoot}" is not a 32-byte hex block root` })
    return { root: userRoot.toLowerCase() as Hex, source: 'user' }
  }
  let votes = await askFinalized(pool)
  if (votes.length > 1) {
    const sleep = params.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
    await sleep(params.retryDelayMs ?? 3_000)
    votes = await askFinalized(pool)
  }
  if (votes.length === 1 && votes[0].hosts.size >= minAgreeing)
    return { root: votes[0].root, source: 'agreed', agreeing: [...votes[0].hosts] }
  if (shippedRoot) return { root: shippedRoot.toLowerCase() as Hex, source: 'shipped' }
  if (votes.length > 1) throw new CheckpointConflictError({ roots: votes.map(({ root, slot, endpoints }) => ({ root, slot, endpoints })) })
  throw new NoCheckpointError({
    reason: votes.length === 0
      ? 'no beacon API answered with its finalized block root'
      : `fewer than ${minAgreeing} independent beacon APIs agree on a finalized root (${votes[0].root.slice(0, 10)}…: ${votes[0].hosts.size})`,
  })
}

/** Every endpoint's finalized root, grouped by root; most-named first. */
async function askFinalized(pool: BeaconEndpointPool): Promise<Vote[]> {
  const answers = await pool.requestAll({
    path: '/eth/v1/beacon/headers/finalized',
    timeoutMs: 5_000,
    maxBytes: 64 * 1024,
    handle: ({ json, endpoint }) => parseFinalizedHeader(json, endpoint),
  })
  const votes = new Map<Hex, Vote>()
  for (const { endpoint, value } of answers) {
    if (!value) continue
    const vote = votes.get(value.root) ?? { root: value.root, slot: value.slot, endpoints: [], hosts: new Set<string>() }
    vote.endpoints.push(endpoint)
    // Two URLs on one host are one operator: count hosts, not URLs.
    vote.hosts.add(new URL(endpoint).host)
    votes.set(value.root, vote)
  }
  return [...votes.values()].sort((a, b) => b.hosts.size - a.hosts.size)
}

function parseFinalizedHeader(json: unknown, endpoint: string): Named {
  const data = (json as { data?: { root?: unknown; header?: { message?: unknown } } })?.data
  const root = typeof data?.root === 'string' ? data.root.toLowerCase() : ''
  if (!ROOT.test(root)) throw new MalformedResponseError({ url: endpoint, reason: 'no finalized block root in the answer' })
  if (!data?.header?.message) return { root: root as Hex, slot: undefined }
  // The root must be the header's own root, else the answer contradicts itself.
  const message = ssz.phase0.BeaconBlockHeader.fromJson(data.header.message)
  if (bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(message)) !== root)
    throw new MalformedResponseError({ url: endpoint, reason: 'the finalized root is not the root of the header sent with it' })
  return { root: root as Hex, slot: message.slot }
}
