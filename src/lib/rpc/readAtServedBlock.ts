import { isBlockUnavailable } from './errors.ts'

export type ReadAtServedBlockParameters<B, T> = {
  /** The blocks to try, newest first: the verified head, then the verified blocks below it. */
  blocks: readonly B[]
  read: (block: B) => Promise<T>
}

export type ReadAtServedBlockReturnType<B, T> = {
  value: T
  block: B
  /** The first block's error, when a later block answered (why it fell back); undefined otherwise. */
  fallbackReason: unknown
}

/**
 * Reads at the first block the RPCs serve. A node a block or two behind the light client answers
 * "header not found" for the newest head: a habit, not a fault, so the read moves to the next
 * (older, also verified) block. Any other failure is the answer; when no block is served, the
 * head's error is.
 */
export async function readAtServedBlock<B, T>({ blocks, read }: ReadAtServedBlockParameters<B, T>): Promise<ReadAtServedBlockReturnType<B, T>> {
  let fallbackReason: unknown
  for (const block of blocks) {
    try {
      return { value: await read(block), block, fallbackReason }
    } catch (error) {
      if (!isBlockUnavailable(error)) throw error
      fallbackReason ??= error
    }
  }
  // None served: the head's own "header not found" says what is wrong.
  throw fallbackReason ?? new Error('readAtServedBlock needs at least one block.')
}

/**
 * The slot of a verified ancestor of the head, from the two blocks' own timestamps: post-merge a
 * block's timestamp is genesis + slot * secondsPerSlot, so the slot follows exactly.
 */
export function ancestorSlot({ head, timestamp, secondsPerSlot }: { head: { slot: number; timestamp: bigint }; timestamp: bigint; secondsPerSlot: number }): number {
  return head.slot - Number(head.timestamp - timestamp) / secondsPerSlot
}
