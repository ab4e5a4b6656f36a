/**
 * Reads of a fake verified client over two blocks: the review's head 36, and 37, which 'latest'
 * already is by the time the requests go out (the head moved on). `at` records each read's block
 * and answers with that block's values; `asked` lists what was read where.
 */
export function twoBlockReads<S>(block36: S, block37: S) {
  const asked: string[] = []
  const at = (method: string, blockNumber: bigint | undefined): S => {
    asked.push(`${method}@${blockNumber ?? 'latest'}`)
    return blockNumber === 36n ? block36 : block37
  }
  return { at, asked }
}
