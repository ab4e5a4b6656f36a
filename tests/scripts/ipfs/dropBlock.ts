import type { Helia } from 'helia'
import type { CID } from 'multiformats/cid'

/**
 * Deletes a block from the node's store beneath Helia's pin check and routing (a loopback node
 * has no content routers to cancel a reprovide with): the way a damaged repo looks.
 */
export async function dropBlock(helia: Helia, cid: CID): Promise<void> {
  const storage = helia.blockstore as unknown as { unwrap(): { delete(cid: CID): Promise<void> } }
  await storage.unwrap().delete(cid)
}
