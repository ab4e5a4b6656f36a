import { isProvenFault } from '../../lib/consensus/errors.ts'
import { BaseError, messageOf } from '../../lib/errors.ts'
import { VerificationError } from '../../lib/execution/errors.ts'
import { hostOf } from '../../lib/hostOf.ts'

/** An endpoint caught serving data that failed verification: who, and what it got wrong. */
export type Liar = { kind: 'beacon API' | 'RPC'; url: string; name: string; what: string }

/**
 * The sentence to show for any thrown value. When the cause is an endpoint that lied, it names
 * the endpoint's host and what it got wrong; otherwise the typed error's short message. viem
 * wraps a transport's errors ("An unknown RPC error occurred."): the Latchkey error inside is
 * the one that explains.
 */
export function errorText(error: unknown): string {
  const e = latchkeyError(error)
  const liars = findLiars(e)
  if (liars.length > 0) return liars.map(liarText).join(' ')
  if (e && typeof e === 'object') {
    const x = e as { shortMessage?: string; message?: string; name?: string; stale?: string }
    if (x.name === 'HeadNotCurrentError') return `Refused: ${x.shortMessage} ${(x.stale ?? 'Nonce, balance and fees from it would be stale.').replace(/\.$/, '')}; wait until the light client is current again.`
    // A pool failure says only that everything failed: each endpoint's own reason is what helps (CORS, 429, down...).
    const leaves = (e as { errors?: unknown[] }).errors
    if (Array.isArray(leaves) && leaves.length > 0 && x.shortMessage)
      return `${x.shortMessage.replace(/\.$/, '')}: ${leaves.map((l) => errorText((l as { error?: unknown })?.error ?? l)).join(' ')}`
    return messageOf(e)
  }
  return String(e)
}

/** "The RPC at 127.0.0.1:8545 served false data: <what>." */
export function liarText(liar: Liar): string {
  return `The ${liar.kind} at ${hostOf(liar.url) || 'an unknown endpoint'} served false data: ${liar.what}`
}

/** Every liar a failure carries (pool failures nest one error per endpoint), first proof per endpoint. */
export function findLiars(error: unknown, depth = 0): Liar[] {
  if (!error || typeof error !== 'object' || depth > 4) return []
  const own = toLiar(error)
  if (own) return [own]
  const entries = (error as { errors?: unknown }).errors
  if (!Array.isArray(entries)) return []
  const liars = entries.flatMap((entry) => {
    const { endpoint, error: inner } = entry instanceof Error ? { endpoint: undefined, error: entry } : (entry as { endpoint?: string; error?: unknown })
    return findLiars(inner, depth + 1).map((l) => ({ ...l, url: l.url || endpoint || '' }))
  })
  return liars.filter((l, i) => liars.findIndex((m) => m.url === l.url) === i)
}

function toLiar(error: object): Liar | undefined {
  const e = error as BaseError & { endpoint?: string; url?: string; claimed?: unknown; proven?: unknown; field?: unknown }
  if (!isProvenFault(error) && !(error instanceof VerificationError)) return undefined
  const kind = isProvenFault(error) ? 'beacon API' : 'RPC'
  const unit = e.field === 'balance' ? ' wei' : ''
  const claim = e.claimed !== undefined && e.proven !== undefined ? ` (it claimed ${String(e.claimed)}${unit}; the proof says ${String(e.proven)}${unit})` : ''
  return { kind, url: (isProvenFault(error) ? e.endpoint : e.url) ?? '', name: e.name, what: `${e.shortMessage.replace(/\.$/, '')}${claim}.` }
}

function latchkeyError(error: unknown): unknown {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) if (e instanceof BaseError) return e
  return error
}


/** What the user can do about a light-client error, by its name; undefined when there is nothing to add. */
export function wayForward(name: string | undefined): string | undefined {
  switch (name) {
    case 'CheckpointConflictError':
      return 'These roots are not on one chain, so one of these beacon APIs serves a false chain, and which one cannot be told from here. Paste a finalized block root from a source you trust (your own node, a block explorer you trust, a friend\'s synced wallet) as the trusted checkpoint, or remove the beacon API you do not trust.'
    case 'NoCheckpointError':
      return 'Paste a finalized block root from a source you trust as the trusted checkpoint, or add beacon APIs from other operators so that two independent ones can agree on one.'
    case 'CheckpointTooOldError':
      return 'Paste a recent finalized block root from a source you trust as the trusted checkpoint.'
    case 'InvalidSyncCommitteeError':
      return 'The sync committee this chain was verified with is forged (a key is invalid, or its aggregate key is not the sum of its keys), so nothing verified through it is shown. Paste a finalized block root from a source you trust as the trusted checkpoint, and remove the beacon API marked faulty.'
    default:
      return undefined
  }
}
