// decodeUnixfsData against ipfs-unixfs (the library the importers write with) on every kind of
// node it marshals, with every optional field; then bytes it would misread, each refused.
import { UnixFS } from 'ipfs-unixfs'
import { describe, expect, it } from 'vitest'
import { decodeUnixfsData } from '../../../src/lib/ipfs/decodeUnixfsData.ts'

const asLibrary = (bytes: Uint8Array) => {
  const u = UnixFS.unmarshal(bytes)
  return { type: u.type, data: u.data, blockSizes: u.blockSizes, fanout: u.fanout, fileSize: u.fileSize() }
}
const asOurs = (bytes: Uint8Array) => {
  const { type, data, blockSizes, fanout, fileSize } = decodeUnixfsData(bytes)
  return { type, data, blockSizes, fanout, fileSize }
}

const nodes: [string, UnixFS][] = [
  ['an empty file', new UnixFS({ type: 'file' })],
  ['a file with data', new UnixFS({ type: 'file', data: Uint8Array.from([1, 2, 3, 250]) })],
  ['a file with empty data', new UnixFS({ type: 'file', data: new Uint8Array(0) })],
  ['a file of parts', new UnixFS({ type: 'file', blockSizes: [262144n, 262144n, 5n] })],
  ['a file with data and parts', new UnixFS({ type: 'file', data: Uint8Array.from([9]), blockSizes: [1n, 300n] })],
  ['a raw node', new UnixFS({ type: 'raw', data: new TextEncoder().encode('raw leaf') })],
  ['a directory', new UnixFS({ type: 'directory' })],
  ['a directory with mode and mtime', new UnixFS({ type: 'directory', mode: 0o755, mtime: { secs: 1_700_000_000n, nsecs: 12345 } })],
  ['a file with mode and mtime', new UnixFS({ type: 'file', data: Uint8Array.from([7]), mode: 0o644, mtime: { secs: -5n } })],
  ['a HAMT shard', new UnixFS({ type: 'hamt-sharded-directory', fanout: 256n, hashType: 0x22n })],
  ['a symlink', new UnixFS({ type: 'symlink', data: new TextEncoder().encode('../target') })],
  ['a metadata node', new UnixFS({ type: 'metadata' })],
  ['a file of a huge size', new UnixFS({ type: 'file', blockSizes: [2n ** 63n, 2n ** 63n - 1n] })],
]

describe('decodeUnixfsData', () => {
  it.each(nodes)('reads %s as ipfs-unixfs does', (_, node) => {
    const bytes = node.marshal()
    expect(asOurs(bytes)).toEqual(asLibrary(bytes))
  })

  it('reads a HAMT shard\'s hash type, and block sizes written packed', () => {
    expect(decodeUnixfsData(new UnixFS({ type: 'hamt-sharded-directory', fanout: 16n, hashType: 0x22n }).marshal())).toMatchObject({ fanout: 16n, hashType: 0x22n, fileSize: 0n })
    // Type = file (08 02), blocksizes packed: 22, length 3, [1, 128]
    expect(decodeUnixfsData(Uint8Array.from([0x08, 0x02, 0x22, 0x03, 0x01, 0x80, 0x01]))).toMatchObject({ blockSizes: [1n, 128n], fileSize: 129n })
  })

  it('skips unknown fields of every wire type', () => {
    const known = new UnixFS({ type: 'file', data: Uint8Array.from([5, 6]) }).marshal()
    // field 15 varint, field 16 fixed64, field 17 bytes, field 18 fixed32
    const unknown = Uint8Array.from([0x78, 0x96, 0x01, 0x81, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x8a, 0x01, 0x02, 0xaa, 0xbb, 0x95, 0x01, 1, 2, 3, 4])
    expect(asOurs(Uint8Array.from([...unknown, ...known]))).toEqual(asOurs(known))
  })

  const refused: [string, number[], RegExp][] = [
    ['a truncated varint', [0x08, 0x82], /past the end/],
    ['data longer than the message', [0x08, 0x02, 0x12, 0x05, 1, 2], /runs past the end/],
    ['an unknown type number', [0x08, 0x06], /unknown UnixFS type 6/],
    ['Type as bytes', [0x0a, 0x01, 0x02], /wire type 2, not 0/],
    ['Data as a varint', [0x10, 0x01], /wire type 0, not 2/],
    ['a block size as fixed64', [0x21, 1, 2, 3, 4, 5, 6, 7, 8], /wire type 1, not 0/],
    ['a varint longer than 64 bits', [0x30, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], /longer than 64 bits/],
    ['a group', [0x4b, 0x4c], /groups/],
    ['field number 0', [0x00, 0x01], /field number 0/],
    ['a truncated fixed32', [0x95, 0x01, 1, 2], /past the end/],
    ['packed block sizes cut inside a varint', [0x22, 0x01, 0x80], /past/],
  ]
  it.each(refused)('refuses %s', (_, bytes, message) => {
    expect(() => decodeUnixfsData(Uint8Array.from(bytes))).toThrow(message)
  })
})
