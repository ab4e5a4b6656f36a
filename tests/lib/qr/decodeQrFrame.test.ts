// The camera's decoder: the texts a QR signer shows the app (its account export, a signature) and
// the app's own codes, read from a 640x480 frame at every angle a phone can be held at.
import encodeQR from '@paulmillr/qr'
import decodeQR from '@paulmillr/qr/decode.js'
import { privateKeyToAddress } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { decodeQrFrame } from '../../../src/lib/qr/decodeQrFrame.ts'
import type { RgbaImage } from '../../../src/lib/qr/rotateImageEighthTurn.ts'
import { SoftwareQrSigner } from '../../helpers/qrSigner.ts'

const signer = new SoftwareQrSigner({ mnemonic: 'legal winner thank year wave sausage worth useful legal winner thank yellow' })
const address = privateKeyToAddress(`0x${'07'.padStart(64, '0')}`)
const texts = [
  { kind: 'an address', text: address },
  { kind: 'an EIP-681 URI', text: `ethereum:${address}@1` },
  { kind: 'a crypto-hdkey export', text: signer.exportHdKey({ name: 'Keystone' }).toUpperCase() },
]

/**
 * A 640x480 frame showing `text`'s code turned by `angle` degrees about the centre, each pixel the
 * mean of 4x4 samples (grey edges, as a camera sees them), the code filling about half the height.
 */
function frame(text: string, angle: number): RgbaImage {
  const width = 640
  const height = 480
  const modules = encodeQR(text, 'raw', { ecc: 'low' })
  const side = modules.length
  const scale = (height * 0.5) / side
  const cos = Math.cos((angle * Math.PI) / 180)
  const sin = Math.sin((angle * Math.PI) / 180)
  const dark = (x: number, y: number) => {
    const u = Math.floor((cos * x + sin * y) / scale + side / 2)
    const v = Math.floor((-sin * x + cos * y) / scale + side / 2)
    return u >= 0 && u < side && v >= 0 && v < side && modules[v]![u]!
  }
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let darkSamples = 0
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (dark(x + (sx + 0.5) / 4 - width / 2, y + (sy + 0.5) / 4 - height / 2)) darkSamples++
      const i = (y * width + x) * 4
      data[i] = data[i + 1] = data[i + 2] = 255 - Math.round((255 * darkSamples) / 16)
      data[i + 3] = 255
    }
  return { width, height, data }
}

const angles = Array.from({ length: 19 }, (_, i) => i * 5)

describe('decodeQrFrame', () => {
  it.each(texts)('reads $kind at every angle from 0° to 90°', ({ text }) => {
    const unread = angles.filter((angle) => decodeQrFrame(frame(text, angle)) !== text)
    expect(unread).toEqual([])
  })

  it('reads codes the decoder alone misses: turned by about 45°', () => {
    // Without the turned second reading, these frames would not be read (checked here, so that
    // the test above keeps testing the turn).
    const missed = texts.flatMap(({ text }) => [40, 45, 50].map((angle) => ({ text, image: frame(text, angle) }))).filter(({ image }) => {
      try {
        decodeQR(image)
        return false
      } catch {
        return true
      }
    })
    expect(missed.length).toBeGreaterThan(0)
    for (const { text, image } of missed) expect(decodeQrFrame(image)).toBe(text)
  })

  it('returns undefined for a frame with no code', () => {
    const blank = { width: 640, height: 480, data: new Uint8ClampedArray(640 * 480 * 4).fill(200) }
    expect(decodeQrFrame(blank)).toBeUndefined()
  })
})
