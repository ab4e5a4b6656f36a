// The committed icons are what scripts/icons draws, and the manifest lists them with true sizes.
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { iconFiles } from '../../../scripts/icons/makeIcons.ts'

const staticDir = resolve(import.meta.dirname, '../../../static')

/** Width, height and the raw (unfiltered) scanlines of a PNG with a single IDAT chunk. */
function decodePng(png: Buffer): { width: number; height: number; colorType: number; rows: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const chunks: { type: string; data: Buffer }[] = []
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at)
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) })
    at += 12 + length
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
  const header = chunks[0].data
  return { width: header.readUInt32BE(0), height: header.readUInt32BE(4), colorType: header[9], rows: inflateSync(chunks[1].data) }
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
        expect(colorType).toBe(6)
        sizes.add(icon.sizes)
      }
    }
    // What Chromium asks for before it offers to install.
    expect([...sizes]).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true)
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
