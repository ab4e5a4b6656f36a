import { QrCodeError } from './errors.ts'
import { createUrDecoder } from './ur/createUrDecoder.ts'

export type UrReader = {
  /** Feeds one scanned frame or pasted line (`ur:type/...` or `ur:type/i-n/...`); true once complete. */
  receive(part: string): boolean
  /** 0..1: how much of a multi-part (animated) code has arrived. */
  readonly progress: number
  /** The decoded UR once complete: its type and CBOR payload. */
  result(): { type: string; cbor: Uint8Array }
}

/** Reads a UR of one of `types` from QR frames (fountain-coded multi-part URs, as animated QR codes carry). */
export function createUrReader({ types }: { types: readonly string[] }): UrReader {
  const decoder = createUrDecoder()
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
        // Damaged text: an unknown byteword, a checksum, the part's CBOR or its sequence numbers.
        throw new QrCodeError({ expected, found: type, reason: `it is damaged (${(cause as Error)?.message ?? cause})` })
      }
      if (decoder.error) throw new QrCodeError({ expected, found: type, reason: decoder.error })
      return decoder.isComplete()
    },
    get progress() {
      return decoder.progress
    },
    result() {
      const ur = decoder.result()
      if (!ur) throw new QrCodeError({ expected, reason: 'only part of it was read' })
      return ur
    },
  }
}

/** Reads a UR from pasted text: one part per line (or separated by spaces). */
export function readUrText({ text, types }: { text: string; types: readonly string[] }): { type: string; cbor: Uint8Array } {
  const reader = createUrReader({ types })
  const parts = text.split(/\s+/).filter(Boolean)
  if (parts.length === 0) throw new QrCodeError({ expected: types.join(' or '), reason: 'nothing was pasted' })
  for (const part of parts) if (reader.receive(part)) break
  return reader.result()
}
