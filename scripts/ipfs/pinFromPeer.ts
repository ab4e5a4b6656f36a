import { multiaddr } from '@multiformats/multiaddr'
import type { CID } from 'multiformats/cid'
import type { LatchkeyHelia } from './createNode.ts'
import { BlockNotFoundError } from '../../src/lib/ipfs/errors.ts'
import { getLinks } from '../../src/lib/ipfs/getLinks.ts'
import { verifyBlock } from '../../src/lib/ipfs/verifyBlock.ts'
import { PeerDialError } from './errors.ts'
import type { PinProgress } from './pinProgress.ts'
import { readBlock } from './readBlock.ts'

export type PinFromPeerParameters = {
  helia: LatchkeyHelia
  cid: CID
  /** The peer's multiaddr, ending in /p2p/<peer id> (printed by `npm run serve`). */
  peer: string
  /** How long to wait for each block. Default 30 s. */
  blockTimeoutMs?: number
  onProgress?: (progress: PinProgress) => void
}

export type PinFromPeerReturnType = { cid: CID; blocks: number; bytes: number }

/**
 * Dials `peer` and fetches the whole DAG under `cid` over bitswap, depth-first,
 * checks every block against its CID and pins it. Bitswap names a block by the
 * hash of the bytes that arrive, so a peer sending wrong bytes never delivers
 * the block asked for: that ends in BlockNotFoundError after `blockTimeoutMs`.
 */
export async function pinFromPeer({ helia, cid, peer, blockTimeoutMs = 30_000, onProgress }: PinFromPeerParameters): Promise<PinFromPeerReturnType> {
  try {
    await helia.libp2p.dial(multiaddr(peer), { signal: AbortSignal.timeout(blockTimeoutMs) })
  } catch (cause) {
    throw new PeerDialError({ peer, cause })
  }
  const seen = new Set<string>()
  const stack = [cid]
  let bytes = 0
  while (stack.length > 0) {
    const next = stack.pop() as CID
    if (seen.has(next.toString())) continue
    seen.add(next.toString())
    let data: Uint8Array
    try {
      data = await readBlock({ blockstore: helia.blockstore, cid: next, options: { signal: AbortSignal.timeout(blockTimeoutMs) } })
    } catch (cause) {
      throw new BlockNotFoundError({
        cid: next.toString(),
        source: peer,
        cause,
        details: `No valid block within ${blockTimeoutMs / 1000} s: the peer does not have it, or sent bytes that do not hash to this CID.`,
      })
    }
    // Helia's bitswap checks hashes too; checked again here so the guarantee does not rest on a dependency.
    await verifyBlock({ cid: next, bytes: data, source: peer })
    bytes += data.byteLength
    onProgress?.({ blocks: seen.size, bytes, cid: next })
    stack.push(...getLinks({ cid: next, bytes: data }).reverse())
  }
  for await (const _ of helia.pins.add(cid)) void _
  return { cid, blocks: seen.size, bytes }
}
