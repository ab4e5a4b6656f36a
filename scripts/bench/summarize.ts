export type Summary = { n: number; median: number; p10: number; p90: number; min: number; max: number; mean: number }

/** The q-quantile (0..1) of ascending samples, linearly interpolated between neighbours. */
export function quantile({ sorted, q }: { sorted: readonly number[]; q: number }): number {
  if (sorted.length === 0) throw new RangeError('quantile of no samples')
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo)
}

/** Median and spread of the samples (all finite numbers). */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('summarize needs at least one sample')
  if (samples.some((s) => !Number.isFinite(s))) throw new RangeError(`summarize got a non-finite sample: ${samples.join(', ')}`)
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    n: sorted.length,
    median: quantile({ sorted, q: 0.5 }),
    p10: quantile({ sorted, q: 0.1 }),
    p90: quantile({ sorted, q: 0.9 }),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  }
}

/**
 * Ratios of paired samples measured in the same iteration (a[i] / b[i]), so drift of the machine
 * during the run cancels out instead of skewing a ratio of two medians.
 */
export function pairedRatios({ numerators, denominators }: { numerators: readonly number[]; denominators: readonly number[] }): number[] {
  if (numerators.length !== denominators.length)
    throw new RangeError(`paired ratios need as many numerators (${numerators.length}) as denominators (${denominators.length})`)
  return numerators.map((a, i) => a / denominators[i]!)
}
