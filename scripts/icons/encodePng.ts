import { crc32, deflateSync } from 'node:zlib'

/**
 * A PNG of `size`×`size` RGBA pixels (8 bits per channel), no filter, no metadata chunks (no time or
 * gamma that could differ between runs). The icons have a few dozen colours (flat shapes and their
 * anti-aliased edges), so they are written as a palette (colour type 3, with a tRNS chunk for the
 * alphas): the same pixels in a third of RGBA's bytes, and the service worker fetches every icon.
 * More than 256 colours fall back to RGBA (colour type 6).
 */
export function encodePng(pixels: Uint8Array, size: number): Buffer {
  const palette = paletteOf(pixels)
  const channels = palette ? 1 : 4
  const rows = Buffer.alloc(size * (size * channels + 1))
  for (let y = 0; y < size; y++) {
    const row = y * (size * channels + 1)
    rows[row] = 0 // filter type: none (the smallest of none, sub and up for these flat shapes)
    if (!palette) Buffer.from(pixels.buffer, pixels.byteOffset + y * size * 4, size * 4).copy(rows, row + 1)
    else for (let x = 0; x < size; x++) rows[row + 1 + x] = palette.index.get(rgbaAt(pixels, y * size + x))!
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  // bit depth 8, colour type 3 (palette) or 6 (RGBA), deflate, adaptive filtering, no interlace
  header.set([8, palette ? 3 : 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(palette ? [chunk('PLTE', palette.rgb), chunk('tRNS', palette.alpha)] : []),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const rgbaAt = (pixels: Uint8Array, i: number) => ((pixels[i * 4]! << 24) | (pixels[i * 4 + 1]! << 16) | (pixels[i * 4 + 2]! << 8) | pixels[i * 4 + 3]!) >>> 0

/** The image's colours in order of first appearance (so the file is the same on every run), or undefined past 256. */
function paletteOf(pixels: Uint8Array): { index: Map<number, number>; rgb: Buffer; alpha: Buffer } | undefined {
  const index = new Map<number, number>()
  for (let i = 0; i < pixels.length / 4; i++) {
    const rgba = rgbaAt(pixels, i)
    if (!index.has(rgba)) index.set(rgba, index.size)
    if (index.size > 256) return undefined
  }
  const rgb = Buffer.alloc(index.size * 3)
  const alpha = Buffer.alloc(index.size)
  for (const [rgba, i] of index) {
    rgb.set([rgba >>> 24, (rgba >>> 16) & 255, (rgba >>> 8) & 255], i * 3)
    alpha[i] = rgba & 255
  }
  return { index, rgb, alpha }
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}
