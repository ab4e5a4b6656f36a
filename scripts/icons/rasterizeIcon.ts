import { type Shape, isInside } from './iconShapes.ts'

/** Samples per pixel along each axis: 8×8 gives smooth edges at 192 px and up. */
const grid = 8

/**
 * RGBA pixels of the shapes at `size`×`size`, painted in order (later shapes on top), each pixel
 * the average of grid×grid samples. Only arithmetic on exact inputs: the same bytes everywhere.
 */
export function rasterizeIcon(shapes: Shape[], size: number): Uint8Array {
  const colors = shapes.map((s) => [1, 3, 5].map((i) => Number.parseInt(s.color.slice(i, i + 2), 16)))
  const pixels = new Uint8Array(size * size * 4)
  const scale = 32 / size
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let covered = 0
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const x = (px + (sx + 0.5) / grid) * scale
          const y = (py + (sy + 0.5) / grid) * scale
          let top = -1
          for (let i = 0; i < shapes.length; i++) if (isInside(shapes[i], x, y)) top = i
          if (top < 0) continue
          covered++
          r += colors[top][0]
          g += colors[top][1]
          b += colors[top][2]
        }
      }
      const o = (py * size + px) * 4
      if (covered === 0) continue
      pixels[o] = Math.round(r / covered)
      pixels[o + 1] = Math.round(g / covered)
      pixels[o + 2] = Math.round(b / covered)
      pixels[o + 3] = Math.round((covered * 255) / (grid * grid))
    }
  }
  return pixels
}
