// The `Buffer` the browser build injects (minimalBuffer in vite.config.ts) in place of the full
// polyfill (vite-plugin-node-polyfills' copy of feross/buffer, 8 kB gzip in the light-client
// worker). Three modules of the worker's graph name Node's `Buffer`, and only for these:
// - @lodestar/params: `ZERO_HASH = Buffer.alloc(32, 0)` at load;
// - @chainsafe/ssz's ByteListType: `Buffer.from(arrayBuffer, byteOffset, length)` over its
//   length block, then `writeUIntLE(length, 32, 6)` into it at every hash of a byte list (the
//   execution payload header's `extraData`);
// - @chainsafe/as-sha256's `allocUnsafe`, which calls `Buffer.allocUnsafe` only under Node.
// Anything else throws, so a dependency that starts to use more of Buffer fails loudly instead
// of computing something else. tests/scripts/build/minimalBuffer.test.ts holds it to Node's Buffer.

class MinimalBuffer extends Uint8Array {
  /** Node's `buf.writeUIntLE(value, offset, byteLength)`: an unsigned integer of 1-6 bytes, little-endian; returns offset + byteLength. */
  writeUIntLE(value: number, offset: number, byteLength: number): number {
    if (!Number.isInteger(byteLength) || byteLength < 1 || byteLength > 6) throw new RangeError(`minimal Buffer: byteLength ${byteLength} is outside 1-6`)
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** (8 * byteLength)) throw new RangeError(`minimal Buffer: ${value} does not fit in ${byteLength} bytes`)
    if (!Number.isInteger(offset) || offset < 0 || offset + byteLength > this.length) throw new RangeError('minimal Buffer: index out of range')
    for (let i = 0; i < byteLength; i++) {
      this[offset + i] = value % 256
      value = Math.floor(value / 256)
    }
    return offset + byteLength
  }
}

export const Buffer = {
  alloc(size: number, fill: number = 0): MinimalBuffer {
    if (typeof fill !== 'number') throw new TypeError('minimal Buffer: alloc fills with a number only')
    return new MinimalBuffer(size).fill(fill)
  },
  allocUnsafe(size: number): MinimalBuffer {
    return new MinimalBuffer(size)
  },
  from(value: ArrayBuffer | ArrayLike<number>, byteOffset?: number, length?: number): MinimalBuffer {
    if (value instanceof ArrayBuffer) return new MinimalBuffer(value, byteOffset ?? 0, length ?? value.byteLength - (byteOffset ?? 0))
    if (typeof value === 'string' || byteOffset !== undefined) throw new TypeError('minimal Buffer: from takes an ArrayBuffer (with offset and length) or an array of bytes')
    const out = new MinimalBuffer(value.length)
    out.set(value)
    return out
  },
}
