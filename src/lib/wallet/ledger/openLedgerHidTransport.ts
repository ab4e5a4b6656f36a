import type { LedgerTransport } from './createLedgerEth.ts'
import { LedgerDeviceError } from './errors.ts'
import { createLedgerAnswerReader, frameLedgerApdu } from './ledgerHidFraming.ts'

// WebHID, as much of it as a Ledger needs (the DOM library has no WebHID types).
export type HidDeviceLike = {
  vendorId: number
  opened: boolean
  open(): Promise<void>
  close(): Promise<void>
  sendReport(reportId: number, data: Uint8Array): Promise<void>
  addEventListener(type: 'inputreport', listener: (event: { data: DataView }) => void): void
  removeEventListener(type: 'inputreport', listener: (event: { data: DataView }) => void): void
}
export type HidLike = {
  getDevices(): Promise<HidDeviceLike[]>
  requestDevice(options: { filters: { vendorId: number }[] }): Promise<HidDeviceLike[]>
  addEventListener(type: 'disconnect', listener: (event: { device: HidDeviceLike }) => void): void
  removeEventListener(type: 'disconnect', listener: (event: { device: HidDeviceLike }) => void): void
}

export type LedgerHidTransport = LedgerTransport & {
  close(): Promise<void>
  /** Called once when the device goes away (unplugged, or a report could not be written). */
  onDisconnect(listener: () => void): void
}

// Ledger's USB vendor id: the only devices asked for.
const LEDGER_VENDOR_ID = 0x2c97
const SW_OK = 0x9000

/**
 * The Ledger over WebHID: a device the page may already use, else the browser's device picker (it
 * needs a click). Written here instead of @ledgerhq/hw-transport-webhid, whose device list, error
 * classes, event emitter and Buffer polyfill were most of the Ledger code the page loaded (about
 * 24 kB gzip) for a framing of a few lines. One APDU at a time; a status word other than 0x9000 is
 * a LedgerDeviceError with it, as is an unplugged device (also for an exchange under way).
 */
export async function openLedgerHidTransport({ hid, channel = Math.floor(Math.random() * 0xffff) }: { hid: HidLike; channel?: number }): Promise<LedgerHidTransport> {
  const device = (await hid.getDevices()).find((d) => d.vendorId === LEDGER_VENDOR_ID) ?? (await hid.requestDevice({ filters: [{ vendorId: LEDGER_VENDOR_ID }] }))[0]
  if (!device) throw new LedgerDeviceError({ cause: new Error('no Ledger was chosen') })
  if (!device.opened) await device.open()

  const reports: Uint8Array[] = []
  let wake: (() => void) | undefined
  let gone: LedgerDeviceError | undefined
  const listeners: (() => void)[] = []
  const onReport = (event: { data: DataView }) => {
    reports.push(new Uint8Array(event.data.buffer.slice(event.data.byteOffset, event.data.byteOffset + event.data.byteLength)))
    wake?.()
  }
  const disconnect = (cause: unknown) => {
    if (gone) return
    gone = new LedgerDeviceError({ cause: cause ?? new Error('the Ledger was disconnected') })
    hid.removeEventListener('disconnect', onDisconnect)
    device.removeEventListener('inputreport', onReport)
    wake?.()
    for (const listener of listeners.splice(0)) listener()
  }
  const onDisconnect = (event: { device: HidDeviceLike }) => {
    if (event.device === device) disconnect(undefined)
  }
  device.addEventListener('inputreport', onReport)
  hid.addEventListener('disconnect', onDisconnect)

  const nextReport = async (): Promise<Uint8Array> => {
    while (reports.length === 0) {
      if (gone) throw gone
      await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
    }
    return reports.shift()!
  }
  const exchange = async (apdu: Uint8Array): Promise<Uint8Array> => {
    if (gone) throw gone
    reports.length = 0 // nothing before this request answers it
    for (const report of frameLedgerApdu({ channel, apdu })) {
      await device.sendReport(0, report).catch((cause) => {
        disconnect(cause)
        throw gone
      })
    }
    const reader = createLedgerAnswerReader({ channel })
    while (!reader.answer) reader.push(await nextReport())
    return reader.answer
  }

  let queue: Promise<unknown> = Promise.resolve()
  return {
    send(cla, ins, p1, p2, data = new Uint8Array()) {
      if (data.length > 255) return Promise.reject(new RangeError(`APDU data of ${data.length} bytes (at most 255)`))
      const run = queue.then(async () => {
        const answer = await exchange(Uint8Array.of(cla, ins, p1, p2, data.length, ...data))
        if (answer.length < 2) throw new LedgerDeviceError({ cause: new Error('an answer without a status word') })
        const status = (answer[answer.length - 2]! << 8) | answer[answer.length - 1]!
        if (status !== SW_OK) throw new LedgerDeviceError({ statusCode: status })
        return answer
      })
      queue = run.catch(() => undefined)
      return run
    },
    async close() {
      await queue
      disconnect(new Error('the transport was closed'))
      await device.close().catch(() => undefined)
    },
    onDisconnect(listener) {
      if (gone) listener()
      else listeners.push(listener)
    },
  }
}
