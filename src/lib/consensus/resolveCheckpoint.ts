import { CheckpointConflictError, NoCheckpointError } from './errors.ts'
import type { LightClientTransport } from './LightClientTransport.ts'
import type { Hex } from './networks.ts'

export type CheckpointSource = 'user' | 'agreed' | 'shipped'

export type ResolveCheckpointParameters = {
  /** Where the endpoints' finalized headers come from (the light client's transport). */
  transport: Pick<LightClientTransport, 'getFinalizedHeaders' | 'getBlockHeader'>
  /** A root the user pasted: trusted as is. */
  userRoot?: Hex
  /** The build's fallback for this network. */
  shippedRoot?: Hex
  /** How many independent endpoints must vouch for the same finalized root. */
  minAgreeing?: number
}

export type ResolveCheckpointReturnType = { root: Hex; source: CheckpointSource; agreeing?: string[] }

const ROOT = /^0x[0-9a-f]{64}$/
type Vote = { root: Hex; slot: number | undefined; endpoints: string[]; hosts: Set<string> }

/**
 * Picks the block root to bootstrap from: the user's, else a finalized root that at least
 * `minAgreeing` endpoints on different hosts vouch for while no endpoint contradicts it, else the
 * shipped one. A contradiction means someone serves a false chain, and a majority of untrusted
 * pipes is no proof of which: then nothing is taken (CheckpointConflictError).
 */
export async function resolveCheckpoint({ transport, userRoot, shippedRoot, minAgreeing = 2 }: ResolveCheckpointParameters): Promise<ResolveCheckpointReturnType> {
  if (userRoot) {
    if (!ROOT.test(userRoot.toLowerCase())) throw new NoCheckpointError({ reason: `"${userRoot}" is not a 32-byte hex block root` })
    return { root: userRoot.toLowerCase() as Hex, source: 'user' }
  }
  const votes = await askFinalized(transport)
  const agreed = votes.length > 1 ? await reconcile(transport, votes, minAgreeing) : votes[0] && { root: votes[0].root, hosts: votes[0].hosts }
  if (agreed && agreed.hosts.size >= minAgreeing) return { root: agreed.root, source: 'agreed', agreeing: [...agreed.hosts] }
  if (shippedRoot) return { root: shippedRoot.toLowerCase() as Hex, source: 'shipped' }
  if (votes.length > 1 && !agreed) throw new CheckpointConflictError({ roots: votes.map(({ root, slot, endpoints }) => ({ root, slot, endpoints })) })
  throw new NoCheckpointError({
    reason: votes.length === 0
      ? 'no beacon API answered with its finalized block root'
      : `fewer than ${minAgreeing} independent beacon APIs agree on a finalized root (${votes[0].root.slice(0, 10)}…: ${agreed?.hosts.size ?? votes[0].hosts.size})`,
  })
}

/** Every endpoint's finalized root, grouped by root. */
async function askFinalized(transport: ResolveCheckpointParameters['transport']): Promise<Vote[]> {
  const answers = await transport.getFinalizedHeaders()
  const votes = new Map<Hex, Vote>()
  for (const { endpoint, value } of answers) {
    if (!value) continue
    const vote = votes.get(value.root) ?? { root: value.root, slot: value.slot, endpoints: [], hosts: new Set<string>() }
    vote.endpoints.push(endpoint)
    // Two URLs on one host are one operator: count hosts, not URLs.
    vote.hosts.add(new URL(endpoint).host)
    votes.set(value.root, vote)
  }
  return [...votes.values()]
}

/**
 * Different finalized roots are consistent only when they lie on one chain: an endpoint whose
 * finality is behind (or ahead, or one straddling a finality step) names an ancestor of the
 * others' root. Each endpoint that names a newer root is asked for its block at each older
 * root's slot; every one must answer with that very root. Then a root is vouched for by the hosts
 * that name it or a descendant, and the newest root is taken that enough hosts vouch for.
 * Anything else (two roots at one slot, another block at that slot, no answer, a root without its
 * header) is a contradiction: undefined.
 */
async function reconcile(transport: ResolveCheckpointParameters['transport'], votes: Vote[], minAgreeing: number): Promise<{ root: Hex; hosts: Set<string> } | undefined> {
  if (votes.some((v) => v.slot === undefined) || new Set(votes.map((v) => v.slot)).size !== votes.length) return undefined
  const bySlot = [...votes].sort((a, b) => a.slot! - b.slot!)
  const checks = bySlot.flatMap((older, i) => bySlot.slice(i + 1).flatMap((newer) => newer.endpoints.map((endpoint) =>
    transport.getBlockHeader({ endpoint, slot: older.slot! })
      .then((header) => header.root === older.root, () => false))))
  if (!(await Promise.all(checks)).every(Boolean)) return undefined
  // Newest first: the most recent root enough hosts vouch for; else the oldest, which all of them vouch for.
  for (let i = bySlot.length - 1; i >= 0; i--) {
    const hosts = new Set(bySlot.slice(i).flatMap((v) => [...v.hosts]))
    if (hosts.size >= minAgreeing || i === 0) return { root: bySlot[i].root, hosts }
  }
  return undefined
}
