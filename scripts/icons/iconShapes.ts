// Latchkey's mark on a 32-unit grid: a keyhole (a ring over a stem) on a blue tile. The SVG and
// every PNG are drawn from this one description, so they cannot drift apart.
export const iconBlue = '#2a5bd7'
export const iconWhite = '#ffffff'

export type Shape =
  | { kind: 'roundRect'; x: number; y: number; width: number; height: number; radius: number; color: string }
  | { kind: 'ring'; cx: number; cy: number; r: number; strokeWidth: number; color: string }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; color: string }

/** The keyhole; `tile` rounds the corners (the favicon and the plain icons) or fills the square (maskable icons). */
export function iconShapes({ tile }: { tile: 'rounded' | 'full-bleed' }): Shape[] {
  return [
    { kind: 'roundRect', x: 0, y: 0, width: 32, height: 32, radius: tile === 'rounded' ? 7 : 0, color: iconBlue },
    { kind: 'ring', cx: 16, cy: 13, r: 5, strokeWidth: 3, color: iconWhite },
    { kind: 'rect', x: 14.5, y: 17, width: 3, height: 9, color: iconWhite },
  ]
}

/** Whether the point (x, y) of the 32-unit grid is inside the shape. */
export function isInside(shape: Shape, x: number, y: number): boolean {
  switch (shape.kind) {
    case 'rect':
      return x >= shape.x && x < shape.x + shape.width && y >= shape.y && y < shape.y + shape.height
    case 'ring': {
      const d2 = (x - shape.cx) ** 2 + (y - shape.cy) ** 2
      const half = shape.strokeWidth / 2
      return d2 <= (shape.r + half) ** 2 && d2 >= (shape.r - half) ** 2
    }
    case 'roundRect': {
      const { x: left, y: top, width, height, radius } = shape
      if (x < left || x >= left + width || y < top || y >= top + height) return false
      // Inside unless in a corner square and outside that corner's circle.
      const cx = Math.min(Math.max(x, left + radius), left + width - radius)
      const cy = Math.min(Math.max(y, top + radius), top + height - radius)
      return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
    }
  }
}
