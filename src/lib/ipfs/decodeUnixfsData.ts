/** UnixFS node types, named as ipfs-unixfs names them. */
export type UnixfsType = 'raw' | 'directory' | 'file' | 'metadata' | 'symlink' | 'hamt-sharded-directory'

/** The fields of a UnixFS `Data` message that reading a file or a directory needs. */
export type UnixfsData = {
  type: UnixfsType
  data?: Uint8Array
  blockSizes: bigint[]
  hashType?: bigint
  fanout?: bigint
  /** 0 for a directory, else the node's own data plus its children's block sizes (ipfs-unixfs's `fileSize()`). */
  fileSize: bigint
}

const types: UnixfsType[] = ['raw', 'directory', 'file', 'metadata', 'symlink', 'hamt-sharded-directory']

/**
 * Decodes the protobuf `Data` message of a dag-pb UnixFS node (https://specs.ipfs.tech/unixfs/#data-format):
 * Type = 1, Data = 2, filesize = 3, blocksizes = 4 (repeated), hashType = 5, fanout = 6; mode (7)
 * and mtime (8) are skipped, as are unknown fields. Written here rather than taken from ipfs-unixfs
 * because its generated codec (protons-runtime) carries the message's encoder and, through it, every
 * multibase of uint8arrays: about 8 kB gzip in the service worker, which only reads. Stricter than
 * it where it would misread: a known field with the wrong wire type, an unknown type number, a
 * truncated field or a group are refused (tests/lib/ipfs/decodeUnixfsData.test.ts compares the two).
 */
export function decodeUnixfsData(bytes: Uint8Array): UnixfsData {
  let at = 0
  const varint = (): bigint => {
    let value = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (at >= bytes.length) throw new Error('a varint runs past the end')
      const byte = bytes[at++]!
      value |= BigInt(byte & 0x7f) << shift
      if (byte < 0x80) {
        if (value >= 1n << 64n) throw new Error('a varint is longer than 64 bits')
        return value
      }
    }
    throw new Error('a varint is longer than 64 bits')
  }
  const length = (): number => {
    const n = varint()
    if (n > BigInt(bytes.length - at)) throw new Error(`a field of ${n} bytes runs past the end`)
    return Number(n)
  }
  // Not `at += length()` (nor `at + length()`): that adds to the offset read before length() moved it past the length.
  const skip = (n: number) => {
    at += n
  }
  let type: UnixfsType = 'file' // Type is required; ipfs-unixfs reads a message without it as a file
  let data: Uint8Array | undefined
  const blockSizes: bigint[] = []
  let hashType: bigint | undefined
  let fanout: bigint | undefined
  while (at < bytes.length) {
    const key = varint()
    const [field, wire] = [key >> 3n, Number(key & 7n)]
    const expect = (wanted: number) => {
      if (wire !== wanted) throw new Error(`field ${field} has wire type ${wire}, not ${wanted}`)
    }
    if (field === 1n) {
      expect(0)
      const value = varint()
      if (value >= BigInt(types.length)) throw new Error(`unknown UnixFS type ${value}`)
      type = types[Number(value)]!
    } else if (field === 2n) {
      expect(2)
      const n = length()
      data = bytes.slice(at, at + n)
      at += n
    } else if (field === 4n && wire === 2) {
      // Packed (proto3 style): not what the importers write, but the same list.
      const n = length()
      const end = at + n
      while (at < end) blockSizes.push(varint())
      if (at !== end) throw new Error('packed block sizes run past their field')
    } else if (field === 3n || field === 4n || field === 5n || field === 6n || field === 7n) {
      expect(0)
      const value = varint()
      if (field === 4n) blockSizes.push(value)
      else if (field === 5n) hashType = value
      else if (field === 6n) fanout = value
    } else if (field === 8n) {
      expect(2)
      skip(length())
    } else if (field === 0n) {
      throw new Error('field number 0')
    } else if (wire === 0) varint()
    else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4
      if (at + n > bytes.length) throw new Error(`field ${field} runs past the end`)
      at += n
    } else if (wire === 2) skip(length())
    else throw new Error(`field ${field} has wire type ${wire} (groups are not used by UnixFS)`)
  }
  const directory = type === 'directory' || type === 'hamt-sharded-directory'
  const fileSize = directory ? 0n : blockSizes.reduce((a, b) => a + b, 0n) + BigInt(data?.length ?? 0)
  return { type, data, blockSizes, hashType, fanout, fileSize }
}
