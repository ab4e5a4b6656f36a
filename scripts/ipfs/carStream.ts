import { CarWriter } from '@ipld/car'
import type { Blockstore } from 'interface-blockstore'
import type { CID } from 'multiformats/cid'
import { walkDag } from './walkDag.ts'

export type CarStreamParameters<B extends Blockstore> = {
  blockstore: B
  root: CID
  options?: Parameters<B['get']>[1]
}

/**
 * A CARv1 of the whole DAG under `root` (root first, depth-first), produced as
 * it is read. A missing or unsupported block throws after the partial output.
 */
export async function* carStream<B extends Blockstore>({ blockstore, root, options }: CarStreamParameters<B>): AsyncGenerator<Uint8Array> {
  const { writer, out } = CarWriter.create([root])
  let stopped = false
  // The writer only makes progress while `out` is read, so blocks are put concurrently.
  const pump = (async () => {
    try {
      for await (const block of walkDag({ blockstore, root, options })) {
        if (stopped) break
        await writer.put(block)
      }
    } finally {
      await writer.close()
    }
  })()
  pump.catch(() => {}) // awaited below; this only avoids an unhandled rejection on early exit
  const chunks = out[Symbol.asyncIterator]()
  let completed = false
  try {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value
    completed = true
  } finally {
    if (!completed) {
      // The consumer stopped early: let the pump see `stopped` and finish.
      stopped = true
      void (async () => {
        while (!(await chunks.next()).done);
      })()
    }
  }
  await pump
}
