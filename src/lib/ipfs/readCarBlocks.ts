import { CID } from 'multiformats/cid'

/** Thrown when the stream ends inside the CAR (its message is @ipld/car's, which fetchCarBlocks treats as an outage). */
export const carEndedEarly = 'Unexpected end of data'

export type CarBlocks = { roots: CID[]; blocks: AsyncGenerator<{ cid: CID; bytes: Uint8Array }> }

/**
 * A CAR stream's roots and blocks (https://ipld.io/specs/transport/car/carv1/, and CARv2's wrapper
 * around a CARv1, https://ipld.io/specs/transport/car/carv2/). Written here rather than taken from
 * @ipld/car because its header goes through the whole dag-cbor decoder (cborg: about 8 kB gzip in
 * the service worker) for a map of two keys. Nothing read here is trusted: fetchCarBlocks checks
 * the roots and every block against its CID. Refused like @ipld/car refuses (plain errors): a header
 * that is not {roots, version}, an unknown version, a zero-length section, a CID that is not v0 or v1.
 */
export async function readCarBlocks(source: AsyncIterable<Uint8Array>): Promise<CarBlocks> {
  const reader = createReader(source)
  let header = decodeHeader(await reader.exactly(await reader.varint()))
  let limit = Infinity
  if (header.version === 2) {
    // CARv2: after the pragma, 16 bytes of characteristics, then the inner CARv1's offset and size.
    const v2 = await reader.exactly(40)
    const view = new DataView(v2.buffer, v2.byteOffset, 40)
    const [offset, size] = [Number(view.getBigUint64(16, true)), Number(view.getBigUint64(24, true))]
    if (offset < reader.position) throw new Error(`Invalid CARv2 data offset ${offset}`)
    await reader.exactly(offset - reader.position)
    limit = reader.position + size
    header = decodeHeader(await reader.exactly(await reader.varint()))
    if (header.version !== 1) throw new Error(`Invalid CAR version: ${header.version} (expected 1)`)
  }
  async function* blocks() {
    while (reader.position < limit && (await reader.more())) {
      const length = await reader.varint()
      if (length === 0) throw new Error('Invalid CAR section (zero length)')
      const section = await reader.exactly(length)
      const [cid, bytes] = decodeCid(section)
      yield { cid, bytes }
    }
  }
  return { roots: header.roots, blocks: blocks() }
}

function decodeCid(section: Uint8Array): [CID, Uint8Array] {
  if (section[0] !== 0x12 && section[0] !== 0x01) throw new Error(`Unexpected CID version (${section[0]})`)
  try {
    return CID.decodeFirst(section)
  } catch (cause) {
    throw new Error(`Invalid CID in a CAR section (${(cause as Error)?.message ?? cause})`)
  }
}

type Reader = { position: number; more(): Promise<boolean>; exactly(n: number): Promise<Uint8Array>; varint(): Promise<number> }

function createReader(source: AsyncIterable<Uint8Array>): Reader {
  const iterator = source[Symbol.asyncIterator]()
  let buffer = new Uint8Array(0)
  let at = 0
  let consumed = 0 // bytes before `buffer`
  let done = false
  // Pieces are collected and joined once there are enough (a gateway sending 1-byte pieces must not
  // make each one copy the whole buffer).
  const fill = async (n: number): Promise<boolean> => {
    if (buffer.length - at >= n) return true
    const pieces: Uint8Array[] = [buffer.subarray(at)]
    let held = buffer.length - at
    while (held < n && !done) {
      const next = await iterator.next()
      if (next.done) done = true
      else (pieces.push(next.value), (held += next.value.length))
    }
    const joined = new Uint8Array(held)
    let offset = 0
    for (const piece of pieces) (joined.set(piece, offset), (offset += piece.length))
    consumed += at
    buffer = joined
    at = 0
    return held >= n
  }
  return {
    get position() {
      return consumed + at
    },
    more: () => fill(1),
    async exactly(n) {
      if (!(await fill(n))) throw new Error(carEndedEarly)
      at += n
      return buffer.subarray(at - n, at)
    },
    async varint() {
      let value = 0
      for (let shift = 0; shift < 49; shift += 7) {
        if (!(await fill(1))) throw new Error(carEndedEarly)
        const byte = buffer[at++]!
        value += (byte & 0x7f) * 2 ** shift
        if (byte < 0x80) return value
      }
      throw new Error('Invalid CAR varint (longer than 7 bytes)')
    },
  }
}

/** The header, a dag-cbor map: {roots: [CID, ...], version: 1}, or CARv2's pragma {version: 2}. */
function decodeHeader(bytes: Uint8Array): { version: number; roots: CID[] } {
  let at = 0
  const fail = (reason: string): never => {
    throw new Error(`Invalid CAR header (${reason})`)
  }
  // A CBOR head: major type and argument (dag-cbor: shortest form, no indefinite lengths).
  const head = (): [number, number] => {
    if (at >= bytes.length) fail('it ends early')
    const first = bytes[at++]!
    const [major, info] = [first >> 5, first & 31]
    if (info < 24) return [major, info]
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0
    if (size === 0 || at + size > bytes.length) fail(`an unsupported or cut CBOR length (${info})`)
    let value = 0
    for (let i = 0; i < size; i++) value = value * 256 + bytes[at++]!
    return [major, value]
  }
  const text = () => {
    const [major, length] = head()
    if (major !== 3 || at + length > bytes.length) fail('a key that is not a string')
    at += length
    return new TextDecoder().decode(bytes.subarray(at - length, at))
  }
  const [major, entries] = head()
  if (major !== 5) fail('it is not a map')
  let version: number | undefined
  let roots: CID[] | undefined
  for (let i = 0; i < entries; i++) {
    const key = text()
    if (key === 'version') {
      const [m, value] = head()
      if (m !== 0 || version !== undefined) fail('version is not one number')
      version = value
    } else if (key === 'roots') {
      const [m, count] = head()
      if (m !== 4 || roots !== undefined) fail('roots is not one list')
      roots = []
      for (let r = 0; r < count; r++) {
        // A CID: tag 42, then a byte string of 0x00 (the identity multibase) and the CID's bytes.
        const [tagMajor, tag] = head()
        const [bytesMajor, length] = head()
        if (tagMajor !== 6 || tag !== 42 || bytesMajor !== 2 || length < 2 || at + length > bytes.length || bytes[at] !== 0) fail('a root that is not a CID')
        const [cid, rest] = decodeCid(bytes.subarray(at + 1, at + length))
        if (rest.length !== 0) fail('a root with bytes after its CID')
        roots.push(cid)
        at += length
      }
    } else fail(`an unknown key "${key}"`)
  }
  if (at !== bytes.length) fail('bytes after the map')
  if (version !== 1 && version !== 2) throw new Error(`Invalid CAR version: ${version}`)
  if (version === 1 && roots === undefined) fail('a CARv1 without roots')
  if (version === 2 && roots !== undefined) fail('a CARv2 pragma with roots')
  return { version, roots: roots ?? [] }
}
