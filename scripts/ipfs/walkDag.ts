import type { Blockstore } from 'interface-blockstore'
import type { CID } from 'multiformats/cid'
import { type DagBlock, getLinks } from '../../src/lib/ipfs/getLinks.ts'
import { readBlock } from './readBlock.ts'

export type WalkDagParameters<B extends Blockstore> = {
  blockstore: B
  root: CID
  options?: Parameters<B['get']>[1]
}

export type { DagBlock }

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
