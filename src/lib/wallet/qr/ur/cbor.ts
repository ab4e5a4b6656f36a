// The CBOR (RFC 8949) that UR payloads use: unsigned and negative integers, byte and text strings,
// arrays, maps, tags, booleans and null; definite lengths, shortest heads (as bc-ur and Keystone's
// registry write them, so requests are byte-identical). Written here because a general CBOR
// library would be several times the size of what these few ERC-4527 types need.
import { BaseError } from '../../../errors.ts'

/** A tagged item (tag 37 uuid, 303 crypto-hdkey, 304 crypto-keypath, 400-408 script expressions...). */
export class CborTag {
  constructor(readonly tag: number, readonly value: CborValue) {}
}
export type CborValue = number | boolean | null | undefined | string | Uint8Array | CborValue[] | CborMap | CborTag
/** Maps keep their keys as CBOR has them: integers (the registry's) or text. */
export type CborMap = Map<number | string, CborValue>

export class CborError extends BaseError {
  override name = 'CborError'
}

const head = (major: number, n: number): number[] => {
  if (!Number.isSafeInteger(n) || n < 0) throw new CborError(`CBOR: ${n} is not an unsigned integer`)
  const m = major << 5
  if (n < 24) return [m | n]
  if (n < 0x100) return [m | 24, n]
  if (n < 0x10000) return [m | 25, n >> 8, n & 0xff]
  if (n < 0x100000000) return [m | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
  const big = BigInt(n)
  return [m | 27, ...Array.from({ length: 8 }, (_, i) => Number((big >> BigInt(56 - 8 * i)) & 0xffn))]
}

function encodeInto(value: CborValue, out: number[]): void {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new CborError('CBOR: floats are not written')
    out.push(...(value >= 0 ? head(0, value) : head(1, -1 - value)))
  } else if (typeof value === 'boolean') out.push(value ? 0xf5 : 0xf4)
  else if (value === null) out.push(0xf6)
  else if (value === undefined) out.push(0xf7)
  else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value)
    out.push(...head(3, bytes.length), ...bytes)
  } else if (value instanceof Uint8Array) out.push(...head(2, value.length), ...value)
  else if (Array.isArray(value)) {
    out.push(...head(4, value.length))
    for (const item of value) encodeInto(item, out)
  } else if (value instanceof Map) {
    out.push(...head(5, value.size))
    for (const [k, v] of value) (encodeInto(k, out), encodeInto(v, out))
  } else {
    out.push(...head(6, value.tag))
    encodeInto(value.value, out)
  }
}

export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = []
  encodeInto(value, out)
  return Uint8Array.from(out)
}

/** One CBOR item that must fill `bytes` exactly; throws CborError on anything else. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = 0
  const need = (n: number) => {
    if (at + n > bytes.length) throw new CborError('CBOR: truncated')
  }
  const readHead = (): [number, number] => {
    need(1)
    const first = bytes[at++]!
    const major = first >> 5
    const info = first & 0x1f
    if (info < 24) return [major, info]
    if (info === 31) throw new CborError('CBOR: indefinite lengths are not used by URs')
    if (info > 27) throw new CborError(`CBOR: reserved head ${first}`)
    const size = 1 << (info - 24)
    need(size)
    let n: number
    if (size === 1) n = view.getUint8(at)
    else if (size === 2) n = view.getUint16(at)
    else if (size === 4) n = view.getUint32(at)
    else {
      const big = view.getBigUint64(at)
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError('CBOR: integer too large')
      n = Number(big)
    }
    at += size
    return [major, n]
  }
  const item = (depth: number): CborValue => {
    if (depth > 32) throw new CborError('CBOR: nested too deep')
    const start = at
    const [major, n] = readHead()
    switch (major) {
      case 0: return n
      case 1: return -1 - n
      case 2: need(n); return bytes.slice(at, (at += n))
      case 3: need(n); return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, (at += n)))
      case 4: {
        // Each item takes at least one byte: a length beyond what is left is damaged, not a huge allocation.
        need(n)
        return Array.from({ length: n }, () => item(depth + 1))
      }
      case 5: {
        need(n)
        const map: CborMap = new Map()
        for (let i = 0; i < n; i++) {
          const key = item(depth + 1)
          if (typeof key !== 'number' && typeof key !== 'string') throw new CborError('CBOR: a map key that is not an integer or text')
          map.set(key, item(depth + 1))
        }
        return map
      }
      case 6: return new CborTag(n, item(depth + 1))
      default: {
        const simple = bytes[start]! & 0x1f
        if (simple === 20) return false
        if (simple === 21) return true
        if (simple === 22) return null
        if (simple === 23) return undefined
        throw new CborError(`CBOR: simple value or float ${bytes[start]} is not used by URs`)
      }
    }
  }
  try {
    const value = item(0)
    if (at !== bytes.length) throw new CborError('CBOR: bytes after the item')
    return value
  } catch (error) {
    if (error instanceof CborError) throw error
    throw new CborError(`CBOR: ${(error as Error)?.message ?? error}`)
  }
}
