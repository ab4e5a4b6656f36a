import type { Shape } from './iconShapes.ts'

/** The shapes as a 32×32 SVG document (one line, as static/favicon.svg). */
export function renderIconSvg(shapes: Shape[]): string {
  const body = shapes.map((s) => {
    switch (s.kind) {
      case 'roundRect':
        return `<rect width="${s.width}" height="${s.height}"${s.radius ? ` rx="${s.radius}"` : ''} fill="${s.color}"/>`
      case 'ring':
        return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="none" stroke="${s.color === '#ffffff' ? '#fff' : s.color}" stroke-width="${s.strokeWidth}"/>`
      case 'rect':
        return `<rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" fill="${s.color === '#ffffff' ? '#fff' : s.color}"/>`
    }
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${body.join('')}</svg>\n`
}
