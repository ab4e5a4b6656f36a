import { URDecoder } from '@ngraveio/bc-ur'
import { QrCodeError } from './errors.ts'

export type UrReader = {
  /** Feeds one scanned frame or pasted line (`ur:type/...` or `ur:type/i-n/...`); true once complete. */
  receive(part: string): boolean
  /** 0..1: how much of a multi-part (animated) code has arrived. */
  readonly progress: number
  /** The decoded UR once complete: its type and CBOR payload. */
  result(): { type: string; cbor: Buffer }
}

/** Reads a UR of one of `types` from QR frames (fountain-coded multi-part URs, as animated QR codes carry). */
export function createUrReader({ types }: { types: readonly string[] }): UrReader {
  const decoder = new URDecoder()
  const expected = types.join(' or ')
  return {
    receive(part) {
      const text = part.trim().toLowerCase()
      if (!text.startsWith('ur:')) throw new QrCodeError({ expected, reason: 'it is not a UR (it should start with "ur:")' })
      const type = text.slice(3).split('/')[0]
      if (!types.includes(type!)) throw new QrCodeError({ expected, found: type, reason: `it is a ${type}` })
      try {
        decoder.receivePart(text)
      } catch (cause) {
        // bc-ur throws plain errors for damaged text (bytewords, checksum, CBOR).
        throw new QrCodeError({ expected, found: type, reason: `it is damaged (${(cause as Error)?.message ?? cause})` })
      }
      if (decoder.isError()) throw new QrCodeError({ expected, found: type, reason: decoder.resultError() })
      return decoder.isComplete()
    },
    get progress() {
      return decoder.isComplete() ? 1 : decoder.getProgress()
    },
    result() {
      if (!decoder.isComplete() || !decoder.isSuccess()) throw new QrCodeError({ expected, reason: 'only part of it was read' })
      const ur = decoder.resultUR()
      return { type: ur.type, cbor: ur.cbor }
    },
  }
}

/** Reads a UR from pasted text: one part per line (or separated by spaces). */
export function readUrText({ text, types }: { text: string; types: readonly string[] }): { type: string; cbor: Buffer } {
  const reader = createUrReader({ types })
  const parts = text.split(/\s+/).filter(Boolean)
  if (parts.length === 0) throw new QrCodeError({ expected: types.join(' or '), reason: 'nothing was pasted' })
  for (const part of parts) if (reader.receive(part)) break
  return reader.result()
}
