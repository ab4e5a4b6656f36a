import type { Unit } from './formatTable.ts'
import { summarize } from './summarize.ts'
import type { Metric } from './types.ts'

/** Runs `fn` and returns its duration in ms with its value. */
export async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await fn()
  return { ms: performance.now() - start, value }
}

export function toMetric({ metric, unit, samples, note }: { metric: string; unit: Unit; samples: number[]; note?: string }): Metric {
  return { metric, unit, samples, summary: summarize(samples), note }
}
