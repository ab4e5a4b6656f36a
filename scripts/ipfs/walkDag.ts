import * as dagPb from '@ipld/dag-pb'
import type { Blockstore } from 'interface-blockstore'
import type { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { UnsupportedBlockError } from './errors.ts'
import { readBlock } from './readBlock.ts'

export type WalkDagParameters<B extends Blockstore> = {
  blockstore: B
  root: CID
  options?: Parameters<B['get']>[1]
}

export type DagBlock = { cid: CID; bytes: Uint8Array }

/** Links of a UnixFS block: dag-pb links, none for raw leaves. */
export function getLinks({ cid, bytes }: DagBlock): CID[] {
  if (cid.code === raw.code) return []
  if (cid.code === dagPb.code) return dagPb.decode(bytes).Links.map((link) => link.Hash)
  throw new UnsupportedBlockError({ cid: cid.toString(), reason: `codec 0x${cid.code.toString(16)} is not dag-pb or raw` })
}

/**
 * Every block of the DAG under `root`, depth-first in link order, each once:
 * the order of `ipfs dag export` and of the trustless gateway's `dfs` CARs.
 */
export async function* walkDag<B extends Blockstore>({ blockstore, root, options }: WalkDagParameters<B>): AsyncGenerator<DagBlock> {
  const seen = new Set<string>()
  const stack: CID[] = [root]
  while (stack.length > 0) {
    const cid = stack.pop() as CID
    const key = cid.toString()
    if (seen.has(key)) continue
    seen.add(key)
    const block = { cid, bytes: await readBlock({ blockstore, cid, options }) }
    yield block
    const links = getLinks(block)
    for (let i = links.length - 1; i >= 0; i--) stack.push(links[i])
  }
}
