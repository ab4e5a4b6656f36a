import { BaseError } from '../../src/lib/errors.ts'

export class PeerDialError extends BaseError {
  override name = 'PeerDialError' as const
  peer: string
  constructor({ peer, cause }: { peer: string; cause?: unknown }) {
    super(`Could not connect to peer ${peer}`, {
      cause,
      metaMessages: ['Is `npm run serve` running there? Use one of the multiaddrs it prints (ending in /p2p/<peer id>).'],
    })
    this.peer = peer
  }
}
