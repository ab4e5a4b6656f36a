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
  let length = 0
  for await (const part of blockstore.get(cid, options)) {
    parts.push(part)
    length += part.byteLength
  }
  if (parts.length === 1) return parts[0]
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return bytes
}
