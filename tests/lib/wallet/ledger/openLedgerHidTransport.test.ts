import { bytesToHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { LedgerDeviceError } from '../../../../src/lib/wallet/ledger/errors.ts'
import { createLedgerAnswerReader, frameLedgerApdu } from '../../../../src/lib/wallet/ledger/ledgerHidFraming.ts'
import { createLedgerAccount } from '../../../../src/lib/wallet/ledger/createLedgerAccount.ts'
import { listLedgerAddresses } from '../../../../src/lib/wallet/ledger/listLedgerAddresses.ts'
import { type HidDeviceLike, type HidLike, openLedgerHidTransport } from '../../../../src/lib/wallet/ledger/openLedgerHidTransport.ts'
import { LedgerEthAppEmulator } from '../../../helpers/ledgerEmulator.ts'

const mnemonic = 'test test test test test test test test test test test junk'

describe("Ledger's HID framing", () => {
  it("cuts an APDU into 64-byte reports as Ledger's hw-transport-webhid does (its own test vectors)", () => {
    const channel = 0x0101
    expect(frameLedgerApdu({ channel, apdu: Uint8Array.of(0xe0, 0x01, 0, 0, 0) }).map((r) => bytesToHex(r))).toEqual([bytesToHex(Uint8Array.of(1, 1, 0x05, 0, 0, 0, 0x05, 0xe0, 0x01, 0, 0, 0, ...new Uint8Array(52)))])
    // A 69-byte APDU (their "edit device name"): 57 data bytes in the first report, 12 in the second.
    const apdu = Uint8Array.of(0xe0, 0xd4, 0, 0, 0x40, ...new TextEncoder().encode('TofuIsNutritiousAndBringsJoyDelightHealthinessHarmonyInEveryBite'))
    const reports = frameLedgerApdu({ channel, apdu })
    expect(reports.map((r) => r.length)).toEqual([64, 64])
    expect(bytesToHex(reports[0]!.subarray(0, 12))).toBe('0x0101050000' + '0045e0d4000040')
    expect(bytesToHex(reports[1]!.subarray(0, 17))).toBe('0x0101050001' + bytesToHex(apdu.subarray(57)).slice(2))
    expect(reports[1]!.subarray(17).every((b) => b === 0)).toBe(true)
  })

  it('reassembles an answer over several reports; another channel is skipped, a wrong sequence refused', () => {
    const answer = Uint8Array.from({ length: 150 }, (_, i) => i)
    const reports = frameLedgerApdu({ channel: 7, apdu: answer })
    const reader = createLedgerAnswerReader({ channel: 7 })
    expect(reader.push(frameLedgerApdu({ channel: 8, apdu: answer })[0]!)).toBe(false)
    for (const report of reports) reader.push(report)
    expect(bytesToHex(reader.answer!)).toBe(bytesToHex(answer))
    const skipping = createLedgerAnswerReader({ channel: 7 })
    skipping.push(reports[0]!)
    expect(() => skipping.push(reports[2]!)).toThrow(/report 2 instead of 1/)
  })
})

/** A WebHID device whose reports carry Ledger's framing to the software Ethereum app (as in the e2e). */
function fakeHid({ emulator, granted = false, failWrites = false }: { emulator: LedgerEthAppEmulator; granted?: boolean; failWrites?: boolean }) {
  const inputListeners = new Set<(e: { data: DataView }) => void>()
  const disconnectListeners = new Set<(e: { device: HidDeviceLike }) => void>()
  let pending: { channel: number; data: number[]; length: number } | undefined
  const requests: string[] = []
  const device: HidDeviceLike & { unplug(): void; answerOnChannel?: number } = {
    vendorId: 0x2c97,
    opened: false,
    async open() { device.opened = true },
    async close() { device.opened = false },
    addEventListener: (_type, fn) => inputListeners.add(fn),
    removeEventListener: (_type, fn) => inputListeners.delete(fn),
    async sendReport(_id, report) {
      if (failWrites) throw new Error('Failed to write the report.')
      const channel = (report[0]! << 8) | report[1]!
      const sequence = (report[3]! << 8) | report[4]!
      if (sequence === 0) pending = { channel, length: (report[5]! << 8) | report[6]!, data: [...report.subarray(7)] }
      else pending!.data.push(...report.subarray(5))
      if (pending!.data.length < pending!.length) return
      const apdu = Uint8Array.from(pending!.data.slice(0, pending!.length))
      pending = undefined
      // Some other program's answer on another channel first: it must be ignored.
      const noise = frameLedgerApdu({ channel: channel ^ 0xffff, apdu: Uint8Array.of(0x69, 0x85) })
      const reports = [...noise, ...frameLedgerApdu({ channel, apdu: emulator.exchange(apdu) })]
      for (const r of reports) setTimeout(() => inputListeners.forEach((fn) => fn({ data: new DataView(r.buffer) })), 0)
    },
    unplug: () => disconnectListeners.forEach((fn) => fn({ device })),
  }
  const hid: HidLike = {
    async getDevices() { requests.push('getDevices'); return granted ? [device] : [] },
    async requestDevice({ filters }) { requests.push(`requestDevice ${JSON.stringify(filters)}`); granted = true; return [device] },
    addEventListener: (_type, fn) => disconnectListeners.add(fn),
    removeEventListener: (_type, fn) => disconnectListeners.delete(fn),
  }
  return { hid, device, requests }
}

describe('the Ledger over WebHID', () => {
  it('asks for a Ledger (vendor 0x2c97) once, then lists addresses and signs over multi-report APDUs', async () => {
    const emulator = new LedgerEthAppEmulator({ mnemonic, blindSigning: true })
    const { hid, device, requests } = fakeHid({ emulator })
    const transport = await openLedgerHidTransport({ hid })
    expect(requests).toEqual(['getDevices', 'requestDevice [{"vendorId":11415}]'])
    expect(device.opened).toBe(true)
    const addresses = await listLedgerAddresses({ transport, scheme: 'bip44', count: 2 })
    expect(addresses.map((a) => a.address)).toEqual([0, 1].map((i) => mnemonicToAccount(mnemonic, { addressIndex: i }).address))
    const from = mnemonicToAccount(mnemonic).address
    const account = await createLedgerAccount({ transport, path: "44'/60'/0'/0/0", address: from })
    const signed = await account.signTransaction({ type: 'eip1559', chainId: 31337, nonce: 0, to: from, value: 1n, data: `0x${'00'.repeat(300)}`, gas: 100000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n })
    expect(signed).toMatch(/^0x02/)
    // A granted device is used again without the picker.
    const again = fakeHid({ emulator, granted: true })
    await openLedgerHidTransport({ hid: again.hid })
    expect(again.requests).toEqual(['getDevices'])
  })

  it('a refusal keeps its status word; an unplugged device or a failed write is a LedgerDeviceError and tells the page', async () => {
    const emulator = new LedgerEthAppEmulator({ mnemonic, approve: () => false })
    const { hid, device } = fakeHid({ emulator })
    const transport = await openLedgerHidTransport({ hid })
    const refused = await transport.send(0xe0, 0x02, 0x01, 0x00, Uint8Array.of(5, 0x80, 0, 0, 44, 0x80, 0, 0, 60, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).catch((e) => e)
    expect(refused).toBeInstanceOf(LedgerDeviceError)
    expect(refused.statusCode).toBe(0x6985)
    let disconnected = 0
    transport.onDisconnect(() => disconnected++)
    device.unplug()
    expect(disconnected).toBe(1)
    await expect(transport.send(0xe0, 0x06, 0, 0)).rejects.toBeInstanceOf(LedgerDeviceError)

    const failing = fakeHid({ emulator, failWrites: true })
    const broken = await openLedgerHidTransport({ hid: failing.hid })
    let told = false
    broken.onDisconnect(() => (told = true))
    const error = await broken.send(0xe0, 0x06, 0, 0).catch((e) => e)
    expect(error).toBeInstanceOf(LedgerDeviceError)
    expect(error.shortMessage).toMatch(/Failed to write/)
    expect(told).toBe(true)
  })

  it('no Ledger chosen in the picker is a LedgerDeviceError', async () => {
    const hid: HidLike = { getDevices: async () => [], requestDevice: async () => [], addEventListener() {}, removeEventListener() {} }
    await expect(openLedgerHidTransport({ hid })).rejects.toBeInstanceOf(LedgerDeviceError)
  })
})
