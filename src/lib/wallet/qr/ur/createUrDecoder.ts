import { BaseError } from '../../../errors.ts'
import { decodeBytewords } from './bytewords.ts'
import { decodeCbor } from './cbor.ts'
import { chooseFragments } from './chooseFragments.ts'
import { crc32 } from './crc32.ts'

export type UrDecoder = {
  /** Feeds one frame (`ur:type/...`); false if it was ignored (another type or message, a repeat, already complete). Throws on damaged text. */
  receivePart(text: string): boolean
  isComplete(): boolean
  /** Set when all fragments arrived but the message fails its checksum. */
  readonly error: string | undefined
  /** 0..1: the share of fragments known (1 once complete). */
  readonly progress: number
  /** The UR once complete. */
  result(): { type: string; cbor: Uint8Array } | undefined
}

export class UrFormatError extends BaseError {
  override name = 'UrFormatError'
}

type Part = { indexes: number[]; data: Uint8Array }
const isUrType = (type: string) => /^[a-z0-9-]+$/.test(type)
const xor = (a: Uint8Array, b: Uint8Array) => a.map((x, i) => x ^ b[i]!)

/**
 * Reads single-part and fountain-coded multi-part URs (BCR-2020-005), in any order and with
 * repeats: a mixed part is reduced by every fragment known, and by any mixed part whose fragments
 * are a subset of its own, until it is one fragment (as bc-ur's FountainDecoder does).
 */
export function createUrDecoder(): UrDecoder {
  let type: string | undefined
  let done: { type: string; cbor: Uint8Array } | undefined
  let error: string | undefined
  let expected: { seqLength: number; messageLength: number; checksum: number; fragmentLength: number } | undefined
  const simple = new Map<number, Uint8Array>()
  let mixed: Part[] = []

  const reduce = (part: Part, by: Part): Part =>
    by.indexes.every((i) => part.indexes.includes(i)) ? { indexes: part.indexes.filter((i) => !by.indexes.includes(i)), data: xor(part.data, by.data) } : part

  const process = (first: Part) => {
    const queue = [first]
    while (queue.length > 0 && !done && !error) {
      let part = queue.shift()!
      if (part.indexes.length === 1) {
        const index = part.indexes[0]!
        if (simple.has(index)) continue
        simple.set(index, part.data)
        if (simple.size === expected!.seqLength) return finish()
        const rest: Part[] = []
        for (const m of mixed) {
          const reduced = reduce(m, part)
          ;(reduced.indexes.length === 1 ? queue : rest).push(reduced)
        }
        mixed = rest
      } else {
        const key = [...part.indexes].sort((a, b) => a - b).join()
        if (mixed.some((m) => [...m.indexes].sort((a, b) => a - b).join() === key)) continue
        for (const [index, data] of simple) part = reduce(part, { indexes: [index], data })
        for (const m of mixed) part = reduce(part, m)
        if (part.indexes.length === 0) continue // nothing new in it
        if (part.indexes.length === 1) {
          queue.push(part)
          continue
        }
        const reducedBy = part
        const rest: Part[] = []
        for (const m of mixed) {
          const reduced = reduce(m, reducedBy)
          ;(reduced.indexes.length === 1 ? queue : rest).push(reduced)
        }
        mixed = [...rest, part]
      }
    }
  }

  const finish = () => {
    const { seqLength, messageLength, checksum, fragmentLength } = expected!
    const message = new Uint8Array(seqLength * fragmentLength)
    for (let i = 0; i < seqLength; i++) message.set(simple.get(i)!, i * fragmentLength)
    const cbor = message.slice(0, messageLength)
    if (crc32(cbor) !== checksum) error = 'Invalid Checksum'
    else done = { type: type!, cbor }
  }

  return {
    receivePart(text) {
      if (done) return false
      const lower = text.toLowerCase()
      if (!lower.startsWith('ur:')) throw new UrFormatError('Invalid Scheme')
      const components = lower.slice(3).split('/')
      const partType = components[0]!
      if (components.length < 2) throw new UrFormatError('Invalid Path')
      if (!isUrType(partType)) throw new UrFormatError('Invalid Type')
      if (type !== undefined && type !== partType) return false
      type = partType
      if (components.length === 2) {
        done = { type: partType, cbor: decodeBytewords(components[1]!) }
        return true
      }
      if (components.length !== 3) throw new UrFormatError('Invalid Path')
      const sequence = /^(\d+)-(\d+)$/.exec(components[1]!)
      const seqNum = Number(sequence?.[1]) >>> 0
      const seqLength = Number(sequence?.[2])
      if (!sequence || seqNum < 1 || !Number.isSafeInteger(seqLength) || seqLength < 1) throw new UrFormatError('Invalid Sequence Component')
      const fields = decodeCbor(decodeBytewords(components[2]!))
      if (!Array.isArray(fields) || fields.length !== 5) throw new UrFormatError('Invalid multipart UR body')
      const [num, length, messageLength, checksum, data] = fields
      if (![num, length, messageLength, checksum].every((n) => typeof n === 'number' && n >= 0) || !(data instanceof Uint8Array) || data.length === 0) throw new UrFormatError('Invalid multipart UR body')
      if (num !== seqNum || length !== seqLength) return false
      const values = { seqLength, messageLength: messageLength as number, checksum: checksum as number, fragmentLength: data.length }
      // Every part must describe the same message as the first one (else it is someone else's code).
      if (expected && (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== expected![k])) return false
      // A message that does not fit its fragments cannot be complete: damaged, not a long wait.
      if (values.messageLength > seqLength * data.length || values.messageLength <= (seqLength - 1) * data.length) throw new UrFormatError('Invalid multipart UR body')
      expected ??= values
      process({ indexes: chooseFragments({ seqNum, seqLength, checksum: values.checksum }), data })
      return true
    },
    isComplete: () => done !== undefined,
    get error() { return error },
    get progress() { return done ? 1 : expected ? simple.size / expected.seqLength : 0 },
    result: () => done,
  }
}
