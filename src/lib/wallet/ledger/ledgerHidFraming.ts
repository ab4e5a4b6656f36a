// Ledger's HID framing (the transport layer under APDUs, as Ledger's hw-transport-webhid and the
// device firmware speak it): 64-byte reports of channel (u16) | tag 0x05 | sequence (u16) | data;
// the first report's data starts with the APDU's length (u16). All big-endian, zero-padded.
import { BaseError } from '../../errors.ts'

const TAG = 0x05
export const REPORT_SIZE = 64
const HEAD = 5

export class LedgerFramingError extends BaseError {
  override name = 'LedgerFramingError'
}

/** The reports that carry `apdu` on `channel`. */
export function frameLedgerApdu({ channel, apdu }: { channel: number; apdu: Uint8Array }): Uint8Array[] {
  const data = new Uint8Array(2 + apdu.length)
  new DataView(data.buffer).setUint16(0, apdu.length)
  data.set(apdu, 2)
  const room = REPORT_SIZE - HEAD
  return Array.from({ length: Math.ceil(data.length / room) }, (_, sequence) => {
    const report = new Uint8Array(REPORT_SIZE)
    const view = new DataView(report.buffer)
    view.setUint16(0, channel)
    report[2] = TAG
    view.setUint16(3, sequence)
    report.set(data.subarray(sequence * room, (sequence + 1) * room), HEAD)
    return report
  })
}

export type LedgerAnswerReader = {
  /** Adds one report; false if it belongs to another channel (another program talking to the device). */
  push(report: Uint8Array): boolean
  /** The whole answer (data and status word) once every report arrived. */
  readonly answer: Uint8Array | undefined
}

/** Reassembles one answer on `channel`; throws LedgerFramingError on a wrong tag or a report out of sequence. */
export function createLedgerAnswerReader({ channel }: { channel: number }): LedgerAnswerReader {
  let length: number | undefined
  let sequence = 0
  const parts: number[] = []
  return {
    push(report) {
      if (report.length < HEAD + (sequence === 0 ? 2 : 0)) throw new LedgerFramingError(`a ${report.length}-byte report`)
      const view = new DataView(report.buffer, report.byteOffset, report.byteLength)
      if (view.getUint16(0) !== channel) return false
      if (report[2] !== TAG) throw new LedgerFramingError(`tag ${report[2]} instead of 0x05`)
      if (view.getUint16(3) !== sequence) throw new LedgerFramingError(`report ${view.getUint16(3)} instead of ${sequence}`)
      if (sequence === 0) length = view.getUint16(5)
      parts.push(...report.subarray(sequence === 0 ? HEAD + 2 : HEAD))
      sequence++
      return true
    },
    get answer() {
      return length !== undefined && parts.length >= length ? Uint8Array.from(parts.slice(0, length)) : undefined
    },
  }
}
