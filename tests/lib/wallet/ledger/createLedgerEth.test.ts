import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { RecordStore, openTransportReplayer } from '@ledgerhq/hw-transport-mocker'
import { bytesToHex, hashMessage, keccak256, parseEther, recoverAddress, serializeTransaction } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { createLedgerEth, encodeLedgerPath, toLedgerError } from '../../../../src/lib/wallet/ledger/createLedgerEth.ts'
import { LedgerDeviceError } from '../../../../src/lib/wallet/ledger/errors.ts'
import { EmulatedLedgerTransport, LedgerEthAppEmulator } from '../../../helpers/ledgerEmulator.ts'

// Our Ethereum-app client replaces @ledgerhq/hw-app-eth. hw-app-eth-long.apdu was recorded with
// hw-app-eth 7.9.0 talking to the software app (tests/helpers/ledgerEmulator.ts): an address shown
// with a chain id, a 300-byte personal message (3 chunks) and a 657-byte transaction (3 chunks).
// The replayer throws on any byte that differs, so these are the exchanges hw-app-eth made.
const mnemonic = 'test test test test test test test test test test test junk'
const account = mnemonicToAccount(mnemonic, { addressIndex: 7 })
const path7 = "44'/60'/0'/0/7"
const message = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff)
const unsigned = serializeTransaction({ type: 'eip1559', chainId: 31337, nonce: 5, to: '0x000000000000000000000000000000000000c0DE', value: parseEther('0.1'), data: `0x${'ab'.repeat(600)}`, gas: 100000n, maxFeePerGas: 2n * 10n ** 10n, maxPriorityFeePerGas: 10n ** 9n })
const signatureHex = ({ r, s }: { r: Uint8Array; s: Uint8Array }, v: number) => `${bytesToHex(r)}${bytesToHex(s).slice(2)}${v.toString(16).padStart(2, '0')}` as const

describe('the Ledger Ethereum-app client', () => {
  it('encodes BIP-32 paths as the app takes them (count, then big-endian u32s, hardened + 2^31)', () => {
    expect(bytesToHex(encodeLedgerPath("44'/60'/0'/0/0"))).toBe('0x058000002c8000003c800000000000000000000000')
    expect(bytesToHex(encodeLedgerPath("m/44'/60'/3'/0/0"))).toBe('0x058000002c8000003c800000030000000000000000')
    for (const bad of ["44'/60'/x", "44'/60'/2147483648'", '', "44''/60'"]) expect(() => encodeLedgerPath(bad), bad).toThrow(RangeError)
  })

  it('makes the same exchanges as hw-app-eth did (recorded), and reads the answers', async () => {
    const store = RecordStore.fromString(await readFile(path.resolve(import.meta.dirname, 'recordings/hw-app-eth-long.apdu'), 'utf8'))
    const eth = createLedgerEth({ transport: await openTransportReplayer(store) })
    const { address, publicKey } = await eth.getAddress({ path: path7, display: true, chainId: 1 })
    expect(address.toLowerCase()).toBe(account.address.toLowerCase())
    expect(publicKey.length).toBe(65)
    const signed = await eth.signPersonalMessage({ path: path7, message })
    expect(signed.v).toBeGreaterThanOrEqual(27)
    expect(await recoverAddress({ hash: hashMessage({ raw: message }), signature: signatureHex(signed, signed.v) })).toBe(account.address)
    const tx = await eth.signTransaction({ path: path7, unsigned: Uint8Array.from(Buffer.from(unsigned.slice(2), 'hex')) })
    expect([0, 1]).toContain(tx.v)
    expect(await recoverAddress({ hash: keccak256(unsigned), signature: signatureHex(tx, 27 + tx.v) })).toBe(account.address)
    store.ensureQueueEmpty()
  })

  it('cuts APDUs at 255 data bytes (transactions) and 150 (messages), the first one led by the path', async () => {
    const emulator = new LedgerEthAppEmulator({ mnemonic, blindSigning: true })
    const eth = createLedgerEth({ transport: new EmulatedLedgerTransport(emulator) })
    await eth.signTransaction({ path: path7, unsigned: Uint8Array.from(Buffer.from(unsigned.slice(2), 'hex')) })
    await eth.signPersonalMessage({ path: path7, message: new Uint8Array() })
    const header = emulator.exchanges.map(([apdu]) => apdu.slice(0, 10))
    // 21 path bytes + 657 transaction bytes = 678 = 2 x 255 + 168; an empty message is one APDU (path + length 0).
    expect(header).toEqual(['e0040000ff', 'e0048000ff', 'e0048000a8', 'e008000019'])
    expect(emulator.screens.at(-1)).toEqual({ kind: 'message', message: '0x' })
  })

  it('an app without PROVIDE ERC 20 TOKEN INFORMATION (0x6d00) is answered false; other refusals keep their status word', async () => {
    const old = { send: () => Promise.reject(Object.assign(new Error('INS not supported'), { statusCode: 0x6d00 })) }
    await expect(createLedgerEth({ transport: old as never }).provideErc20TokenInformation(new Uint8Array(8))).resolves.toBe(false)
    const refusing = { send: () => Promise.reject(Object.assign(new Error('refused'), { statusCode: 0x6a80 })) }
    const error = toLedgerError(await createLedgerEth({ transport: refusing as never }).provideErc20TokenInformation(new Uint8Array(8)).catch((e) => e))
    expect(error).toBeInstanceOf(LedgerDeviceError)
    expect(error.statusCode).toBe(0x6a80)
    expect(error.shortMessage).toMatch(/Blind signing/)
  })

  it('a truncated answer is a LedgerDeviceError, not a wrong address or signature', async () => {
    const short = { send: () => Promise.resolve(Buffer.from('41049000', 'hex')) }
    const eth = createLedgerEth({ transport: short as never })
    await expect(eth.getAddress({ path: path7 })).rejects.toBeInstanceOf(LedgerDeviceError)
    await expect(eth.signTransaction({ path: path7, unsigned: new Uint8Array([2, 0xc0]) })).rejects.toBeInstanceOf(LedgerDeviceError)
  })
})
