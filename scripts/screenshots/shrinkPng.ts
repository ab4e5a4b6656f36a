import UPNG from 'upng-js'

/**
 * Re-encodes a screenshot as a palette PNG (at most 256 colours, UPNG's quantizer): a flat UI
 * loses nothing visible and the file shrinks several times, which keeps docs/ small.
 */
export function shrinkPng(png: Buffer, colours = 256): Buffer {
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer)
  const [rgba] = UPNG.toRGBA8(image)
  return Buffer.from(UPNG.encode([rgba!], image.width, image.height, colours))
}
