export type ParseRangeReturnType =
  | { kind: 'none' }
  | { kind: 'range'; start: number; end: number }
  | { kind: 'unsatisfiable' }

/**
 * Reads a single `Range: bytes=...` header against a file of `size` bytes
 * (RFC 9110 §14.1.2). Several ranges, other units or a malformed header give
 * `none` (the whole file with 200, which RFC 9110 allows); `end` is inclusive.
 */
export function parseRange({ header, size }: { header: string | undefined; size: number }): ParseRangeReturnType {
  if (!header) return { kind: 'none' }
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return { kind: 'none' }
  const [, first, last] = match
  if (first === '' && last === '') return { kind: 'none' }
  if (first === '') {
    // Suffix range: the last N bytes.
    const n = Number(last)
    if (n === 0) return { kind: 'unsatisfiable' }
    return { kind: 'range', start: Math.max(0, size - n), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (last !== '' && Number(last) < start) return { kind: 'none' }
  if (start >= size) return { kind: 'unsatisfiable' }
  return { kind: 'range', start, end }
}
