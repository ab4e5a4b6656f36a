/** RGBA pixels, as a canvas's `getImageData` returns them. */
export interface RgbaImage {
  width: number
  height: number
  data: Uint8ClampedArray
}

/**
 * The image turned by 45° about its centre (nearest pixel), on a white square large enough to hold
 * all of it. @paulmillr/qr's decoder misses codes turned between about 35° and 55°; turned once
 * more, such a code is within 10° of upright, which it reads.
 */
export function rotateImageEighthTurn(image: RgbaImage): RgbaImage {
  const { width, height, data } = image
  const side = Math.ceil((width + height) * Math.SQRT1_2)
  const out = new Uint8ClampedArray(side * side * 4).fill(255)
  const half = side / 2
  for (let y = 0; y < side; y++) {
    const dy = y - half
    for (let x = 0; x < side; x++) {
      const dx = x - half
      const sx = Math.round(Math.SQRT1_2 * (dx - dy) + width / 2)
      const sy = Math.round(Math.SQRT1_2 * (dx + dy) + height / 2)
      if (sx < 0 || sx >= width || sy < 0 || sy >= height) continue
      const from = (sy * width + sx) * 4
      const to = (y * side + x) * 4
      out[to] = data[from]!
      out[to + 1] = data[from + 1]!
      out[to + 2] = data[from + 2]!
    }
  }
  return { width: side, height: side, data: out }
}
