// The committed icons are what scripts/icons draws, and the manifest lists them with true sizes.
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { iconFiles } from '../../../scripts/icons/makeIcons.ts'
import { iconShapes } from '../../../scripts/icons/iconShapes.ts'
import { rasterizeIcon } from '../../../scripts/icons/rasterizeIcon.ts'

const staticDir = resolve(import.meta.dirname, '../../../static')

/**
 * Width, height, colour type and the unfiltered scanlines of a PNG with a single IDAT chunk, as RGBA
 * (a filter byte, then 4 bytes a pixel) whether the file is RGBA (type 6) or a palette (type 3).
 */
function decodePng(png: Buffer): { width: number; height: number; colorType: number; rows: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const chunks: { type: string; data: Buffer }[] = []
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at)
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) })
    at += 12 + length
  }
  const header = chunks[0].data
  const [width, height, colorType] = [header.readUInt32BE(0), header.readUInt32BE(4), header[9]]
  expect(header[8]).toBe(8)
  expect(chunks.map((c) => c.type)).toEqual(colorType === 3 ? ['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND'] : ['IHDR', 'IDAT', 'IEND'])
  const data = inflateSync(chunks.at(-2)!.data)
  if (colorType === 6) return { width, height, colorType, rows: data }
  expect(colorType).toBe(3)
  const [palette, alpha] = [chunks[1].data, chunks[2].data]
  const rows = Buffer.alloc(height * (width * 4 + 1))
  for (let y = 0; y < height; y++) {
    expect(data[y * (width + 1)], 'filter type').toBe(0)
    for (let x = 0; x < width; x++) {
      const i = data[y * (width + 1) + 1 + x]
      expect(i).toBeLessThan(palette.length / 3)
      rows.set([palette[i * 3], palette[i * 3 + 1], palette[i * 3 + 2], alpha[i] ?? 255], y * (width * 4 + 1) + 1 + x * 4)
    }
  }
  return { width, height, colorType, rows }
}

describe('app icons', () => {
  const drawn = iconFiles()

  it('static/ holds exactly what npm run icons draws (pixels compared, so a zlib update cannot fail it)', async () => {
    for (const [name, bytes] of Object.entries(drawn)) {
      const committed = await readFile(join(staticDir, name))
      if (name.endsWith('.svg')) expect(committed.toString(), name).toBe(bytes)
      else expect(decodePng(committed).rows.equals(decodePng(Buffer.from(bytes as Uint8Array)).rows), name).toBe(true)
    }
  })

  it('the manifest lists installable icons whose declared sizes are their real sizes', async () => {
    const manifest = JSON.parse(await readFile(join(staticDir, 'manifest.webmanifest'), 'utf8'))
    expect(manifest).toMatchObject({ name: 'Latchkey', start_url: './', scope: './', display: 'standalone' })
    const sizes = new Set<string>()
    for (const icon of manifest.icons) {
      // Relative to the manifest: the same build works under /ipfs/<cid>/ and on a subdomain.
      expect(icon.src).not.toMatch(/^\/|:\/\//)
      const file = await readFile(join(staticDir, icon.src))
      if (icon.type === 'image/png') {
        const { width, height, colorType } = decodePng(file)
        expect(`${width}x${height}`, icon.src).toBe(icon.sizes)
        expect([3, 6]).toContain(colorType) // palette or RGBA, both with alpha (tRNS for the palette)
        sizes.add(icon.sizes)
      }
    }
    // What Chromium asks for before it offers to install.
    expect([...sizes]).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true)
  })

  it('the PNGs hold exactly the drawn pixels (the palette encoding is lossless)', () => {
    const shapes = { 'icon-192.png': [iconShapes({ tile: 'rounded' }), 192], 'icon-512.png': [iconShapes({ tile: 'rounded' }), 512], 'icon-maskable-512.png': [iconShapes({ tile: 'full-bleed' }), 512] } as const
    for (const [name, [shape, size]] of Object.entries(shapes)) {
      const pixels = rasterizeIcon(shape, size)
      const { rows, colorType } = decodePng(Buffer.from(drawn[name] as Uint8Array))
      expect(colorType, name).toBe(3)
      const rgba = Buffer.concat(Array.from({ length: size }, (_, y) => rows.subarray(y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1))))
      expect(rgba.equals(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length)), name).toBe(true)
    }
  })

  it('the maskable icon keeps the keyhole inside the central 80% circle and fills its corners', () => {
    const { rows } = decodePng(Buffer.from(drawn['icon-maskable-512.png'] as Uint8Array))
    const at = (x: number, y: number) => rows.subarray(y * (512 * 4 + 1) + 1 + x * 4, y * (512 * 4 + 1) + 1 + x * 4 + 4)
    expect([...at(0, 0)]).toEqual([0x2a, 0x5b, 0xd7, 255])
    const notBackground: string[] = []
    for (let y = 0; y < 512; y++)
      for (let x = 0; x < 512; x++) {
        const [r, , , a] = at(x, y)
        const outside = (x + 0.5 - 256) ** 2 + (y + 0.5 - 256) ** 2 > (0.4 * 512) ** 2
        if (outside && !(r === 0x2a && a === 255)) notBackground.push(`${x},${y}`)
      }
    expect(notBackground).toEqual([])
  })
})
