/**
 * An error as plain data that survives structured clone (a worker message) or JSON: its stable
 * name, its sentences and its own fields (which endpoint, which root was expected...), nested
 * errors included. `fromErrorData` (fromErrorData.ts) rebuilds it as the same class.
 */
export type ErrorData = {
  name: string
  shortMessage: string
  message: string
  details?: string
  metaMessages?: string[]
  /** The error's own fields; nested errors appear as `{ $error: ErrorData }`. */
  fields?: Record<string, unknown>
  cause?: ErrorData
}

const OWN = new Set(['name', 'message', 'shortMessage', 'details', 'metaMessages', 'stack', 'cause'])
const MAX_DEPTH = 6

export function toErrorData(error: unknown, depth = 0): ErrorData {
  const e = error as { name?: unknown; shortMessage?: unknown; message?: unknown; details?: unknown; metaMessages?: unknown; cause?: unknown } | undefined
  const message = typeof e?.message === 'string' ? e.message : String(error)
  const data: ErrorData = {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    shortMessage: typeof e?.shortMessage === 'string' ? e.shortMessage : message,
    message,
  }
  if (typeof e?.details === 'string') data.details = e.details
  if (Array.isArray(e?.metaMessages)) data.metaMessages = e.metaMessages.map(String)
  if (error && typeof error === 'object' && depth < MAX_DEPTH) {
    const fields: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(error)) if (!OWN.has(key)) fields[key] = encode(value, depth + 1)
    if (Object.keys(fields).length > 0) data.fields = fields
    if (e?.cause instanceof Error) data.cause = toErrorData(e.cause, depth + 1)
  }
  return data
}

function encode(value: unknown, depth: number): unknown {
  if (value instanceof Error) return { $error: toErrorData(value, depth) }
  if (depth >= MAX_DEPTH) return undefined
  if (Array.isArray(value)) return value.map((v) => encode(v, depth + 1))
  if (value instanceof Uint8Array) return value
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v, depth + 1)]))
  return typeof value === 'function' || typeof value === 'symbol' ? undefined : value
}
