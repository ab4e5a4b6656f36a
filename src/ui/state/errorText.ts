/** The sentence to show for any thrown value: the typed error's short message when it has one. */
export function errorText(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { shortMessage?: string; message?: string; details?: string; name?: string }
    if (e.name === 'HeadNotCurrentError') return `Refused: ${e.shortMessage} Nonce, balance and fees from it would be stale; wait until the light client is current again.`
    return e.shortMessage ?? e.message ?? String(error)
  }
  return String(error)
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
