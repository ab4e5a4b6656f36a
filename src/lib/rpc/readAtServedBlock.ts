import { isBlockUnavailable } from './errors.ts'

/** A verified block a value can be read at: its number, slot and its header's own timestamp. */
export type ServedBlock = { block: bigint; slot: number; timestamp: bigint }

export type ReadAtServedBlockParameters<T> = {
  /** The light client's verified head. */
  head: ServedBlock
  secondsPerSlot: number
  /** Reads the value at a block (through the verified transport). */
  read: (block: bigint) => Promise<T>
  /** The verified timestamp of an ancestor of the head (the verified transport walks parent hashes). */
  getTimestamp: (block: bigint) => Promise<bigint>
  /** How many blocks below the head a read may fall back to. */
  lagBlocks?: number
}

export type ReadAtServedBlockReturnType<T> = { value: T; at: ServedBlock; fallbackFrom: bigint | undefined }

/**
 * Reads at the verified head; when every RPC answers "header not found" for it (a node a block or
 * two behind the light client, a habit, not a fault), reads at the verified parent, then the one
 * before, and says which head it fell back from. Any other failure is the answer.
 */
export async function readAtServedBlock<T>({ head, secondsPerSlot, read, getTimestamp, lagBlocks = 2 }: ReadAtServedBlockParameters<T>): Promise<ReadAtServedBlockReturnType<T>> {
  let first: unknown
  try {
    return { value: await read(head.block), at: head, fallbackFrom: undefined }
  } catch (error) {
    if (!isBlockUnavailableDeep(error)) throw error
    first = error
  }
  for (let back = 1n; back <= BigInt(lagBlocks) && head.block - back >= 0n; back++) {
    const block = head.block - back
    try {
      const [value, timestamp] = await Promise.all([read(block), getTimestamp(block)])
      // Post-merge every block's timestamp is genesis + slot * secondsPerSlot: the slot follows exactly.
      const slot = head.slot - Number(head.timestamp - timestamp) / secondsPerSlot
      return { value, at: { block, slot, timestamp }, fallbackFrom: head.block }
    } catch (error) {
      if (!isBlockUnavailableDeep(error)) throw error
    }
  }
  throw first
}

/** viem wraps transport errors (UnknownRpcError and others): look down the cause chain. */
function isBlockUnavailableDeep(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; e = (e as Error).cause, depth++) if (isBlockUnavailable(e)) return true
  return false
}
