import * as bundleErrors from './bundle/errors.ts'
import * as consensusErrors from './consensus/errors.ts'
import * as endpointErrors from './endpoints/errors.ts'
import { BaseError } from './errors.ts'
import * as executionErrors from './execution/errors.ts'
import * as rpcErrors from './rpc/errors.ts'
import * as trustErrors from './trust/errors.ts'

/**
 * An error as plain data that survives structured clone (a worker message) or JSON: its stable
 * name, its sentences and its own fields (which endpoint, which root was expected...), nested
 * errors included. `fromErrorData` rebuilds it as the same class.
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

type ErrorClass = abstract new (...args: never[]) => Error

/** Every error class a value can be rebuilt as, by its `name`. */
const classes = new Map<string, ErrorClass>()
for (const module of [endpointErrors, bundleErrors, consensusErrors, executionErrors, rpcErrors, trustErrors] as Record<string, unknown>[])
  for (const [name, value] of Object.entries(module))
    if (typeof value === 'function' && value.prototype instanceof Error) classes.set(name, value as ErrorClass)

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

/** Rebuilds the error as its own class when it is one of Latchkey's (so `instanceof` and fields work), else as a BaseError with that name. */
export function fromErrorData(data: ErrorData): Error {
  const Class = classes.get(data.name) ?? BaseError
  const error = Object.create(Class.prototype) as BaseError
  Object.assign(error, { name: data.name, shortMessage: data.shortMessage, message: data.message, details: data.details, metaMessages: data.metaMessages })
  for (const [key, value] of Object.entries(data.fields ?? {})) (error as unknown as Record<string, unknown>)[key] = decode(value)
  if (data.cause) Object.defineProperty(error, 'cause', { value: fromErrorData(data.cause), configurable: true, writable: true })
  return error
}

function encode(value: unknown, depth: number): unknown {
  if (value instanceof Error) return { $error: toErrorData(value, depth) }
  if (depth >= MAX_DEPTH) return undefined
  if (Array.isArray(value)) return value.map((v) => encode(v, depth + 1))
  if (value instanceof Uint8Array) return value
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v, depth + 1)]))
  return typeof value === 'function' || typeof value === 'symbol' ? undefined : value
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode)
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    if ('$error' in value) return fromErrorData((value as { $error: ErrorData }).$error)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]))
  }
  return value
}
