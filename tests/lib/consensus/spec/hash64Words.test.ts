import { sha256 } from '@noble/hashes/sha2.js'
import { expect, it } from 'vitest'
import { hash64Words } from '../../../../src/lib/consensus/spec/hash64Words.ts'

const toWords = (bytes: Uint8Array) => Int32Array.from({ length: bytes.length / 4 }, (_, i) => new DataView(bytes.buffer, bytes.byteOffset).getInt32(4 * i))
const toBytes = (words: Int32Array) => {
  const bytes = new Uint8Array(words.length * 4)
  words.forEach((w, i) => new DataView(bytes.buffer).setInt32(4 * i, w))
  return bytes
}

it('is SHA-256 of a 64-byte message, for random, all-zero and all-ones inputs', () => {
  const inputs = [new Uint8Array(64), new Uint8Array(64).fill(0xff), ...Array.from({ length: 200 }, () => crypto.getRandomValues(new Uint8Array(64)))]
  for (const input of inputs) {
    const out = new Int32Array(8)
    hash64Words(toWords(input), 0, out, 0)
    expect(toBytes(out)).toEqual(sha256(input))
  }
})

it('reads and writes at the offsets given, also in place over its own input', () => {
  const message = crypto.getRandomValues(new Uint8Array(64))
  const buffer = new Int32Array(40)
  buffer.set(toWords(message), 8)
  hash64Words(buffer, 8, buffer, 4)
  expect(toBytes(buffer.subarray(4, 12))).toEqual(sha256(message))
})
