import type { AbiFunction, AbiParameter, Hex } from 'viem'
import { isHex } from 'viem'
import { verifyAddress } from '../wallet/verifyAddress.ts'
import { ArgumentParseError } from './errors.ts'

export type ParseFunctionArgsParameters = {
  fn: Pick<AbiFunction, 'inputs'>
  /** One text per input, as typed: numbers in decimal or 0x hex, arrays and tuples as JSON. */
  values: readonly string[]
}

/**
 * The form's text fields as the values viem encodes, checked against each input's ABI type; a
 * value that does not fit is refused by name (an address with a wrong EIP-55 checksum, a number
 * out of range, a bytes32 of the wrong length) rather than encoded into something else.
 */
export function parseFunctionArgs({ fn, values }: ParseFunctionArgsParameters): unknown[] {
  return fn.inputs.map((input, i) => parseValue(input, values[i] ?? '', input.name || `argument ${i + 1}`))
}

function parseValue(param: AbiParameter, raw: unknown, label: string): unknown {
  const { type } = param
  const fail = (reason: string) => new ArgumentParseError({ argument: label, type, reason })
  const array = /^(.*)\[(\d*)\]$/.exec(type)
  if (array || type === 'tuple') {
    const value = typeof raw === 'string' ? parseJson(raw, fail) : raw
    if (array) {
      if (!Array.isArray(value)) throw fail('expected a JSON array, e.g. ["0x…", "0x…"]')
      if (array[2] && value.length !== Number(array[2])) throw fail(`expected exactly ${array[2]} elements, got ${value.length}`)
      const inner = { ...param, type: array[1] }
      return value.map((v, i) => parseValue(inner, v, `${label}[${i}]`))
    }
    const components = (param as { components?: readonly AbiParameter[] }).components ?? []
    if (Array.isArray(value)) {
      if (value.length !== components.length) throw fail(`expected ${components.length} fields, got ${value.length}`)
      return value.map((v, i) => parseValue(components[i], v, `${label}.${components[i].name || i}`))
    }
    if (typeof value !== 'object' || value === null) throw fail('expected a JSON array or object of the fields')
    return Object.fromEntries(components.map((c, i) => [c.name ?? String(i), parseValue(c, (value as Record<string, unknown>)[c.name ?? String(i)], `${label}.${c.name || i}`)]))
  }
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined
  if (text === undefined) throw fail('missing')
  if (type === 'string') return typeof raw === 'string' ? raw : text
  if (type === 'address') {
    try {
      return verifyAddress({ address: text })
    } catch (error) {
      throw fail((error as { shortMessage?: string }).shortMessage ?? 'not an address')
    }
  }
  if (type === 'bool') {
    if (/^(true|1)$/i.test(text)) return true
    if (/^(false|0)$/i.test(text)) return false
    throw fail('expected true or false')
  }
  const int = /^(u?)int(\d*)$/.exec(type)
  if (int) {
    if (!/^-?(\d+|0x[0-9a-fA-F]+)$/.test(text)) throw fail('expected a whole number (decimal, or hex with 0x)')
    const negative = text.startsWith('-')
    const value = negative ? -BigInt(text.slice(1)) : BigInt(text)
    const bits = BigInt(int[2] || 256)
    const [min, max] = int[1] ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n]
    if (value < min || value > max) throw fail(`out of range (${min} to ${max})`)
    return value
  }
  const bytes = /^bytes(\d*)$/.exec(type)
  if (bytes) {
    if (!isHex(text, { strict: true }) || text.length % 2 !== 0) throw fail('expected hex bytes starting with 0x (an even number of digits)')
    if (bytes[1] && (text.length - 2) / 2 !== Number(bytes[1])) throw fail(`expected exactly ${bytes[1]} bytes, got ${(text.length - 2) / 2}`)
    return text as Hex
  }
  throw fail('this type cannot be entered here')
}

function parseJson(text: string, fail: (reason: string) => ArgumentParseError): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw fail('expected JSON (numbers as strings keep their precision)')
  }
}
