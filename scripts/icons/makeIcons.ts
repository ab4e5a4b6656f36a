// npm run icons: draws the app's icons into static/ (committed; the build copies them as they are).
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { encodePng } from './encodePng.ts'
import { iconShapes } from './iconShapes.ts'
import { rasterizeIcon } from './rasterizeIcon.ts'
import { renderIconSvg } from './renderIconSvg.ts'

/** File name in static/ → its bytes. The manifest (static/manifest.webmanifest) lists the PNGs. */
export function iconFiles(): Record<string, Uint8Array | string> {
  const rounded = iconShapes({ tile: 'rounded' })
  const fullBleed = iconShapes({ tile: 'full-bleed' })
  return {
    'favicon.svg': renderIconSvg(rounded),
    'icon-192.png': encodePng(rasterizeIcon(rounded, 192), 192),
    'icon-512.png': encodePng(rasterizeIcon(rounded, 512), 512),
    // Maskable: the platform cuts its own shape out of a full square; the keyhole sits well
    // inside the central 80% circle that every mask keeps.
    'icon-maskable-512.png': encodePng(rasterizeIcon(fullBleed, 512), 512),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(import.meta.dirname, '../../static')
  for (const [name, bytes] of Object.entries(iconFiles())) {
    await writeFile(join(dir, name), bytes)
    console.log(`static/${name}`)
  }
}
