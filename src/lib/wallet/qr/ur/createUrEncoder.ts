import { encodeBytewords } from './bytewords.ts'
import { encodeCbor } from './cbor.ts'
import { chooseFragments } from './chooseFragments.ts'
import { crc32 } from './crc32.ts'

export type UrEncoder = {
  /** The next frame: `ur:type/bytewords` when one fragment holds it all, else `ur:type/seq-len/bytewords`, forever. */
  nextPart(): string
  /** How many fragments the message is cut into (1: a still code). */
  readonly fragmentsLength: number
}

export type CreateUrEncoderParameters = { type: string; cbor: Uint8Array; maxFragmentLength?: number; minFragmentLength?: number }

/**
 * Fountain-coded multi-part UR frames (BCR-2020-005), as @ngraveio/bc-ur's UREncoder makes them:
 * the same fragment length, the same first pure fragments, the same mixes after them.
 */
export function createUrEncoder({ type, cbor, maxFragmentLength = 100, minFragmentLength = 10 }: CreateUrEncoderParameters): UrEncoder {
  const messageLength = cbor.length
  // The smallest fragment count whose fragments fit maxFragmentLength.
  let fragmentLength = 0
  for (let count = 1; count <= Math.ceil(messageLength / minFragmentLength); count++) {
    fragmentLength = Math.ceil(messageLength / count)
    if (fragmentLength <= maxFragmentLength) break
  }
  const fragments: Uint8Array[] = []
  for (let at = 0; at < messageLength; at += fragmentLength) {
    const fragment = new Uint8Array(fragmentLength) // zero-padded
    fragment.set(cbor.subarray(at, at + fragmentLength))
    fragments.push(fragment)
  }
  const checksum = crc32(cbor)
  const single = `ur:${type}/${encodeBytewords(cbor)}`
  let seqNum = 0
  return {
    fragmentsLength: fragments.length,
    nextPart() {
      seqNum = (seqNum + 1) >>> 0
      if (fragments.length <= 1) return single
      const mixed = new Uint8Array(fragmentLength)
      for (const i of chooseFragments({ seqNum, seqLength: fragments.length, checksum })) {
        for (let k = 0; k < fragmentLength; k++) mixed[k]! ^= fragments[i]![k]!
      }
      const part = encodeCbor([seqNum, fragments.length, messageLength, checksum, mixed])
      return `ur:${type}/${seqNum}-${fragments.length}/${encodeBytewords(part)}`
    },
  }
}
