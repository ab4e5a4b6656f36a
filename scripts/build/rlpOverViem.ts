// The browser build's @ethereumjs/rlp (scripts/build/ethereumjsRlpOverViem.ts): its `RLP.encode`
// and `RLP.decode` over viem's `toRlp` and `fromRlp`, which the engine chunk already holds, so the
// build has one RLP codec instead of two. viem's decoder refuses every non-canonical form that
// @ethereumjs/rlp refuses and that @ethereumjs/mpt relies on (a length with leading zeros, a
// single byte below 0x80 encoded as a string, the long form for a length below 56, bytes after
// the item, input cut short, list items past the list's end): tests/scripts/build/
// ethereumjsRlpOverViem.test.ts holds each refusal and the encodings to the library's.
import { fromRlp, toRlp } from 'viem'
import { EthereumJSErrorWithoutCode } from '@ethereumjs/rlp'

export { DEFAULT_ERROR_CODE, EthereumJSError, EthereumJSErrorWithoutCode } from '@ethereumjs/rlp'

type Input = string | number | bigint | Uint8Array | Input[] | null | undefined
type Decoded = Uint8Array | Decoded[]
type RlpItem = Uint8Array | RlpItem[]

const hexPairs = /^0x([0-9a-fA-F]{2})*$/

/** @ethereumjs/rlp's `toBytes`: hex strings as bytes, other strings as UTF-8, integers big-endian without leading zeros (0 is empty), null and undefined empty. */
function toBytes(value: Exclude<Input, Input[]>): Uint8Array {
  if (value instanceof Uint8Array) return value
  if (value === null || value === undefined) return new Uint8Array(0)
  if (typeof value === 'string') {
    if (!value.startsWith('0x')) return new TextEncoder().encode(value)
    const hex = value.length % 2 === 0 ? value : `0x0${value.slice(2)}`
    if (!hexPairs.test(hex)) throw EthereumJSErrorWithoutCode(`invalid hex string: ${value}`)
    return Uint8Array.from(hex.slice(2).match(/../g) ?? [], (pair) => Number.parseInt(pair, 16))
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw EthereumJSErrorWithoutCode(`invalid integer: ${value}`)
    if (value < 0) throw EthereumJSErrorWithoutCode('invalid integer: negative')
    return value === 0 || value === 0n ? new Uint8Array(0) : toBytes(`0x${value.toString(16)}`)
  }
  throw EthereumJSErrorWithoutCode(`toBytes: received unsupported type ${typeof value}`)
}

const toItem = (input: Input): RlpItem => (Array.isArray(input) ? input.map(toItem) : toBytes(input))

/** RLP-encodes a value or a nested list of values, as @ethereumjs/rlp's `encode`. */
export function encode(input: Input): Uint8Array {
  return toRlp(toItem(input), 'bytes')
}

/**
 * Decodes one RLP item (`stream`: and returns what follows it), as @ethereumjs/rlp's `decode`.
 * Empty input decodes to empty bytes, as there.
 */
export function decode(input: Uint8Array | string | null | undefined, stream?: false): Decoded
export function decode(input: Uint8Array | string | null | undefined, stream: true): { data: Decoded; remainder: Uint8Array }
export function decode(input: Uint8Array | string | null | undefined, stream = false): Decoded | { data: Decoded; remainder: Uint8Array } {
  if (input === null || input === undefined || input.length === 0) return new Uint8Array(0)
  const bytes = toBytes(input)
  if (stream) throw EthereumJSErrorWithoutCode('RLP.decode(input, true) is left out of Latchkey\'s browser build (scripts/build/rlpOverViem.ts)')
  return fromRlp(bytes, 'bytes') as Decoded
}

export const RLP = { encode, decode }
