import * as bundleErrors from './bundle/errors.ts'
import * as consensusErrors from './consensus/errors.ts'
import * as endpointErrors from './endpoints/errors.ts'
import { BaseError } from './errors.ts'
import type { ErrorData } from './errorData.ts'
import * as executionErrors from './execution/errors.ts'
import * as rpcErrors from './rpc/errors.ts'
import * as trustErrors from './trust/errors.ts'

// Apart from errorData.ts (toErrorData): the registry below imports every error module, and the
// light-client worker, which only sends errors, need not carry the classes it never rebuilds.

type ErrorClass = abstract new (...args: never[]) => Error

/** Every error class a value can be rebuilt as, by its `name`. */
const classes = new Map<string, ErrorClass>()
for (const module of [endpointErrors, bundleErrors, consensusErrors, executionErrors, rpcErrors, trustErrors] as Record<string, unknown>[])
  for (const [name, value] of Object.entries(module))
    if (typeof value === 'function' && value.prototype instanceof Error) classes.set(name, value as ErrorClass)

/** Rebuilds the error as its own class when it is one of Latchkey's (so `instanceof` and fields work), else as a BaseError with that name. */
export function fromErrorData(data: ErrorData): Error {
  const Class = classes.get(data.name) ?? BaseError
  const error = Object.create(Class.prototype) as BaseError
  Object.assign(error, { name: data.name, shortMessage: data.shortMessage, message: data.message, details: data.details, metaMessages: data.metaMessages })
  for (const [key, value] of Object.entries(data.fields ?? {})) (error as unknown as Record<string, unknown>)[key] = decode(value)
  if (data.cause) Object.defineProperty(error, 'cause', { value: fromErrorData(data.cause), configurable: true, writable: true })
  return error
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode)
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    if ('$error' in value) return fromErrorData((value as { $error: ErrorData }).$error)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]))
  }
  return value
}
