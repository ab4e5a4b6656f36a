// Latchkey's UR code (src/lib/wallet/qr/ur) against the reference JavaScript implementations it
// replaced in the app, kept as dev dependencies to be the other side: @ngraveio/bc-ur (BCR-2020-005
// multi-part URs, what MetaMask and Keystone's SDK use) and @keystonehq/bc-ur-registry-eth (ERC-4527).
import { crc32 as zlibCrc32 } from 'node:zlib'
import { CryptoHDKey, CryptoKeypath, DataType, ETHSignature, EthSignRequest, PathComponent } from '@keystonehq/bc-ur-registry-eth'
import { UR, URDecoder, UREncoder } from '@ngraveio/bc-ur'
import { bytesToHex, hexToBytes } from 'viem'
import { describe, expect, it } from 'vitest'
import { decodeBytewords, encodeBytewords } from '../../../../../src/lib/wallet/qr/ur/bytewords.ts'
import { CborError, CborTag, decodeCbor, encodeCbor } from '../../../../../src/lib/wallet/qr/ur/cbor.ts'
import { crc32 } from '../../../../../src/lib/wallet/qr/ur/crc32.ts'
import { createUrDecoder } from '../../../../../src/lib/wallet/qr/ur/createUrDecoder.ts'
import { createUrEncoder } from '../../../../../src/lib/wallet/qr/ur/createUrEncoder.ts'
import { encodeEthSignRequest, readCryptoHdKey, readEthSignature } from '../../../../../src/lib/wallet/qr/ur/registry.ts'

// A deterministic byte source, so that a failure names a message that can be made again.
function bytesFrom(seed: number, length: number): Uint8Array {
  let x = seed * 2654435761 || 1
  return Uint8Array.from({ length }, () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x & 0xff))
}

describe('bytewords and CRC-32', () => {
  it('match zlib and bc-ur, and refuse a changed word or checksum', () => {
    for (const length of [1, 5, 64, 300]) {
      const data = bytesFrom(length + 1, length)
      expect(crc32(data)).toBe(zlibCrc32(data))
      const text = encodeBytewords(data)
      expect(UREncoder.encodeSinglePart(new UR(Buffer.from(data), 'bytes'))).toBe(`ur:bytes/${text}`)
      expect(bytesToHex(decodeBytewords(text.toUpperCase()))).toBe(bytesToHex(data))
      expect(() => decodeBytewords(`${text.slice(0, -2)}${text.slice(-2) === 'ae' ? 'ad' : 'ae'}`)).toThrow(/Checksum/)
      expect(() => decodeBytewords(`qq${text}`)).toThrow(/invalid word/)
    }
    // No data at all (only a checksum) is not a UR body, as for bc-ur.
    expect(() => decodeBytewords(encodeBytewords(new Uint8Array()))).toThrow(/length/)
  })
})

describe('fountain-coded multi-part URs (BCR-2020-005)', () => {
  const cases = [[1, 100], [35, 10], [99, 10], [250, 60], [1000, 200], [2049, 30], [3000, 997]] as const
  it("give bc-ur's frames, pure and mixed, part for part", () => {
    for (const [length, max] of cases) {
      const cbor = bytesFrom(length, length)
      const ours = createUrEncoder({ type: 'bytes', cbor, maxFragmentLength: max })
      const theirs = new UREncoder(new UR(Buffer.from(cbor), 'bytes'), max)
      expect(ours.fragmentsLength, `${length}/${max}`).toBe(theirs.fragmentsLength)
      for (let i = 0; i < 3 * ours.fragmentsLength + 20; i++) expect(ours.nextPart(), `${length}/${max} part ${i + 1}`).toBe(theirs.nextPart())
    }
  })

  it('decode from mixed parts only, in any order, with repeats; and bc-ur decodes ours the same way', () => {
    for (const [length, max] of cases) {
      const cbor = bytesFrom(length + 7, length)
      const encoder = new UREncoder(new UR(Buffer.from(cbor), 'bytes'), max)
      const frames = Array.from({ length: 6 * encoder.fragmentsLength + 30 }, () => encoder.nextPart())
      // Skip the pure fragments (parts 1..n): only mixes, shuffled, some twice.
      const mixed = encoder.fragmentsLength > 1 ? frames.slice(encoder.fragmentsLength) : frames
      const order = mixed.map((f, i) => [bytesFrom(i + length, 1)[0]!, f] as const).sort((a, b) => a[0] - b[0]).map(([, f]) => f)
      const decoder = createUrDecoder()
      for (const frame of [...order, ...order]) if ((decoder.receivePart(frame), decoder.isComplete())) break
      expect(decoder.isComplete(), `${length}/${max}`).toBe(true)
      expect(decoder.progress).toBe(1)
      expect(bytesToHex(decoder.result()!.cbor)).toBe(bytesToHex(cbor))

      const ours = createUrEncoder({ type: 'bytes', cbor, maxFragmentLength: max })
      const skipped = Array.from({ length: ours.fragmentsLength }, () => ours.nextPart())
      expect(skipped.length).toBe(ours.fragmentsLength)
      const reference = new URDecoder()
      for (let i = 0; i < 10 * ours.fragmentsLength + 50 && !reference.isComplete(); i++) reference.receivePart(ours.nextPart())
      expect(reference.isSuccess(), `${length}/${max}`).toBe(true)
      expect(bytesToHex(reference.resultUR().cbor)).toBe(bytesToHex(cbor))
    }
  })

  it("ignores parts of another message or type, refuses damaged text, and reports a message that fails its checksum", () => {
    const a = new UREncoder(new UR(Buffer.from(bytesFrom(1, 400)), 'bytes'), 50)
    const b = new UREncoder(new UR(Buffer.from(bytesFrom(2, 400)), 'bytes'), 50)
    const decoder = createUrDecoder()
    expect(decoder.receivePart(a.nextPart())).toBe(true)
    expect(decoder.receivePart(b.nextPart())).toBe(false) // same shape, another checksum
    expect(decoder.receivePart(createUrEncoder({ type: 'eth-signature', cbor: bytesFrom(3, 400), maxFragmentLength: 50 }).nextPart())).toBe(false)
    expect(decoder.progress).toBeCloseTo(1 / a.fragmentsLength)
    expect(() => decoder.receivePart('ur:bytes/2-8/lpaoayfwhfq')).toThrow()
    expect(() => decoder.receivePart('ur:bytes/0-8/lpaoayfwhfq')).toThrow(/Sequence/)
    expect(() => decoder.receivePart('http://example.com')).toThrow(/Scheme/)
    // A message whose fragments are all there but whose CRC-32 is not its own: an error, not a result.
    const cbor = bytesFrom(4, 120)
    const part = (seqNum: number) => encodeBytewords(encodeCbor([seqNum, 2, 120, crc32(cbor) ^ 1, cbor.subarray((seqNum - 1) * 60, seqNum * 60)]))
    const wrong = createUrDecoder()
    wrong.receivePart(`ur:bytes/1-2/${part(1)}`)
    wrong.receivePart(`ur:bytes/2-2/${part(2)}`)
    expect(wrong.error).toMatch(/Checksum/)
    expect(wrong.result()).toBeUndefined()
  })
})

describe('CBOR and the ERC-4527 registry types', () => {
  it("writes eth-sign-request byte for byte as Keystone's registry does", () => {
    const signData = hexToBytes('0x02ef827a6980843b9aca008504a817c80082520894000000000000000000000000000000000000c0de8806f05b59d3b2000080c0')
    for (const [chainId, fingerprint, path] of [[31337, 0x12345678, "m/44'/60'/0'/0/0"], [1, 0xf23f9fd2, "m/44'/60'/3'/0/0"], [2 ** 40, 7, "m/44'/60'/0'/0/2147483647"]] as const) {
      const requestId = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'
      const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
      const ours = encodeEthSignRequest({ requestId: hexToBytes(`0x${requestId.replace(/-/g, '')}`), signData, dataType: 4, chainId, path, sourceFingerprint: fingerprint, address: hexToBytes(address), origin: 'Latchkey' })
      const theirs = EthSignRequest.constructETHRequest(Buffer.from(signData), DataType.typedTransaction, path, fingerprint.toString(16).padStart(8, '0'), requestId, chainId, address, 'Latchkey')
      expect(bytesToHex(ours)).toBe(bytesToHex(theirs.toCBOR()))
    }
  })

  it("reads Keystone's crypto-hdkey and eth-signature", () => {
    const key = new CryptoHDKey({ isMaster: false, key: Buffer.from(bytesFrom(9, 33)), chainCode: Buffer.from(bytesFrom(10, 32)), origin: new CryptoKeypath([new PathComponent({ index: 44, hardened: true }), new PathComponent({ index: 60, hardened: true }), new PathComponent({ hardened: false })], Buffer.from('0badf00d', 'hex'), 3), name: 'Keystone' })
    const read = readCryptoHdKey(Uint8Array.from(key.toCBOR()))
    expect(read).toMatchObject({ isPrivate: false, name: 'Keystone', origin: { path: "44'/60'/*", depth: 3 } })
    expect(bytesToHex(read.origin!.sourceFingerprint!)).toBe('0x0badf00d')
    expect(bytesToHex(read.chainCode!)).toBe(bytesToHex(bytesFrom(10, 32)))
    const signature = new ETHSignature(Buffer.from(bytesFrom(11, 65)), Buffer.from(bytesFrom(12, 16)), 'Keystone')
    const answer = readEthSignature(Uint8Array.from(signature.toCBOR()))
    expect(bytesToHex(answer.signature)).toBe(bytesToHex(bytesFrom(11, 65)))
    expect(bytesToHex(answer.requestId!)).toBe(bytesToHex(bytesFrom(12, 16)))
  })

  it('decodes what it encodes, and refuses truncated, trailing or unsupported bytes with CborError only', () => {
    const value = new Map<number | string, never>([[1, [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32, -1, -25, true, false, null, 'é', Uint8Array.of(1, 2)] as never], ['x', new CborTag(304, []) as never]])
    expect(decodeCbor(encodeCbor(value))).toEqual(value)
    const bytes = encodeCbor(value)
    for (let cut = 0; cut < bytes.length; cut++) expect(() => decodeCbor(bytes.subarray(0, cut))).toThrow(CborError)
    expect(() => decodeCbor(Uint8Array.of(...bytes, 0))).toThrow(CborError)
    expect(() => decodeCbor(Uint8Array.of(0x9f, 0xff))).toThrow(/indefinite/)
    expect(() => decodeCbor(Uint8Array.of(0xfb, 0, 0, 0, 0, 0, 0, 0, 0))).toThrow(CborError)
    expect(() => decodeCbor(Uint8Array.of(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))).toThrow(CborError)
    for (let seed = 1; seed < 300; seed++) {
      try {
        decodeCbor(bytesFrom(seed, 1 + (seed % 40)))
      } catch (error) {
        expect(error, String(seed)).toBeInstanceOf(CborError)
      }
    }
  })
})
