import { CarWriter } from '@ipld/car'
import type { CID } from 'multiformats/cid'
import type { DagBlock } from './walkDag.ts'

export type CarStreamParameters = {
  roots: CID[]
  /** The blocks in the order they go into the CAR, e.g. walkDag(...). */
  blocks: AsyncIterable<DagBlock>
}

/**
 * A CARv1 of `blocks`, produced as they are read. An error from `blocks`
 * (a missing block) is thrown after the partial output.
 */
export async function* carStream({ roots, blocks }: CarStreamParameters): AsyncGenerator<Uint8Array> {
  const { writer, out } = CarWriter.create(roots)
  let stopped = false
  // The writer only makes progress while `out` is read, so blocks are put concurrently.
  const pump = (async () => {
    try {
      for await (const block of blocks) {
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
