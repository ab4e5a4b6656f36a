import { describe, expect, it } from 'vitest'
import { rotateImageEighthTurn } from '../../../src/lib/qr/rotateImageEighthTurn.ts'

/** A white image with one black pixel at (x, y). */
function dot(width: number, height: number, x: number, y: number) {
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3)
  return { width, height, data }
}
const blackPixels = ({ width, data }: { width: number; data: Uint8ClampedArray }) =>
  Array.from({ length: data.length / 4 }, (_, i) => i).filter((i) => data[i * 4] === 0).map((i) => [i % width, Math.floor(i / width)])

describe('rotateImageEighthTurn', () => {
  it('holds the whole image on a square of side (width + height) / √2, white outside it', () => {
    const turned = rotateImageEighthTurn({ width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4) })
    expect([turned.width, turned.height]).toEqual([Math.ceil(112 * Math.SQRT1_2), Math.ceil(112 * Math.SQRT1_2)])
    expect([...turned.data.slice(0, 4)]).toEqual([255, 255, 255, 255]) // a corner: outside the turned image
    const centre = (Math.floor(turned.height / 2) * turned.width + Math.floor(turned.width / 2)) * 4
    expect(turned.data[centre]).toBe(0)
  })

  it('turns a point 45° about the centre, counter-clockwise on screen', () => {
    // 20 px right of the centre goes to about 14 px right of and 14 px above the centre.
    const turned = rotateImageEighthTurn(dot(101, 101, 70, 50))
    const half = turned.width / 2
    const [[x, y]] = blackPixels(turned) as [[number, number]]
    expect(Math.abs(x - half - 20 * Math.SQRT1_2)).toBeLessThan(1.5)
    expect(Math.abs(y - half + 20 * Math.SQRT1_2)).toBeLessThan(1.5)
  })
})
