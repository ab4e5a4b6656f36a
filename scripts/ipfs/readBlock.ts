import { concatBytes } from '@noble/hashes/utils.js'
import type { Blockstore } from 'interface-blockstore'
import type { CID } from 'multiformats/cid'

export type ReadBlockParameters<B extends Blockstore> = {
  blockstore: B
  cid: CID
  options?: Parameters<B['get']>[1]
}

/** A whole block as one Uint8Array (blockstores stream a block as chunks). */
export async function readBlock<B extends Blockstore>({ blockstore, cid, options }: ReadBlockParameters<B>): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const part of blockstore.get(cid, options)) parts.push(part)
  return parts.length === 1 ? parts[0]! : concatBytes(...parts)
}
