/** A limiter: at most `limit` of the functions passed run at once (keeps a few batches in flight, not hundreds). */
export function mapWithLimit(limit: number) {
  let running = 0
  const waiting: (() => void)[] = []
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    while (running >= limit) await new Promise<void>((ok) => waiting.push(ok))
    running++
    try {
      return await task()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}
