import { ssz } from '@lodestar/types'
import { bytesToHex } from 'viem'
import type { BeaconEndpointPool } from './BeaconEndpointPool.ts'
import { MalformedResponseError, NoCheckpointError } from './errors.ts'
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
}

export type ResolveCheckpointReturnType = { root: Hex; source: CheckpointSource; agreeing?: string[] }

const ROOT = /^0x[0-9a-f]{64}$/

/**
 * Picks the block root to bootstrap from: the user's, else a finalized root at least
 * `minAgreeing` endpoints on different hosts agree on, else the shipped one.
 */
export async function resolveCheckpoint({ pool, userRoot, shippedRoot, minAgreeing = 2 }: ResolveCheckpointParameters): Promise<ResolveCheckpointReturnType> {
  if (userRoot) {
    if (!ROOT.test(userRoot.toLowerCase())) throw new NoCheckpointError({ reason: `"${userRoot}" is not a 32-byte hex block root` })
    return { root: userRoot.toLowerCase() as Hex, source: 'user' }
  }
  const answers = await pool.requestAll({
    path: '/eth/v1/beacon/headers/finalized',
    timeoutMs: 5_000,
    maxBytes: 64 * 1024,
    handle: ({ json, endpoint }) => parseFinalizedHeaderRoot(json, endpoint),
  })
  const votes = new Map<Hex, Set<string>>()
  for (const { endpoint, value } of answers) {
    if (!value) continue
    // Two URLs on one host are one operator: count hosts, not URLs.
    const host = new URL(endpoint).host
    const voters = votes.get(value) ?? new Set()
    voters.add(host)
    votes.set(value, voters)
  }
  const ranked = [...votes].sort((a, b) => b[1].size - a[1].size)
  const [best, second] = ranked
  if (best && best[1].size >= minAgreeing && !(second && second[1].size === best[1].size))
    return { root: best[0], source: 'agreed', agreeing: [...best[1]] }
  if (shippedRoot) return { root: shippedRoot.toLowerCase() as Hex, source: 'shipped' }
  throw new NoCheckpointError({
    reason: ranked.length === 0
      ? 'no beacon API answered with its finalized block root'
      : `fewer than ${minAgreeing} independent beacon APIs agree on a finalized root (${ranked.map(([root, v]) => `${root.slice(0, 10)}…: ${v.size}`).join(', ')})`,
  })
}

function parseFinalizedHeaderRoot(json: unknown, endpoint: string): Hex {
  const data = (json as { data?: { root?: unknown; header?: { message?: unknown } } })?.data
  const root = typeof data?.root === 'string' ? data.root.toLowerCase() : ''
  if (!ROOT.test(root)) throw new MalformedResponseError({ url: endpoint, reason: 'no finalized block root in the answer' })
  if (data?.header?.message) {
    // The root must be the header's own root, else the answer contradicts itself.
    const message = ssz.phase0.BeaconBlockHeader.fromJson(data.header.message)
    if (bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(message)) !== root)
      throw new MalformedResponseError({ url: endpoint, reason: 'the finalized root is not the root of the header sent with it' })
  }
  return root as Hex
}
