// The app's QR codes (Receive's EIP-681 URI, the QR signers' animated request frames) are drawn
// by qrCodeImage over @paulmillr/qr's encoder. Checked here: every kind of text the app shows
// reads back to the same text with jsQR (the app's own scanner, and what many signers run) and
// with @paulmillr/qr's decoder, and the codes are no larger than the qrcode package made them.
import decodeQR from '@paulmillr/qr/decode.js'
import jsQR from 'jsqr'
import QRCode from 'qrcode'
import { type Address, parseEther, parseGwei } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { createQrSignRequest } from '../../../../src/lib/wallet/qr/createQrSignRequest.ts'
import { qrCodeImage } from '../../../../src/ui/components/common/qrCodeImage.ts'
import { SoftwareQrSigner } from '../../../helpers/qrSigner.ts'

const signer = new SoftwareQrSigner({ mnemonic: 'legal winner thank year wave sausage worth useful legal winner thank yellow' })
const address = (n: number): Address => privateKeyToAddress(`0x${n.toString(16).padStart(64, '0')}`)

/** The modules of qrCodeImage's SVG (its path's unit squares), and the image's side in modules. */
function modulesOf(url: string): { side: number; dark: Set<string> } {
  const svg = decodeURIComponent(url.replace(/^data:image\/svg\+xml,/, ''))
  const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1])
  expect(svg).toContain(`<rect width="${side}" height="${side}" fill="#fff"/>`)
  const path = /<path d="([^"]*)"\/>/.exec(svg)![1]!
  expect(path).toMatch(/^(M\d+ \d+h1v1h-1z)*$/)
  return { side, dark: new Set([...path.matchAll(/M(\d+) (\d+)/g)].map(([, x, y]) => `${x},${y}`)) }
}

/** RGBA pixels of the code at `scale` pixels per module, with a white margin of 4 modules around it. */
function rasterize({ side, dark }: { side: number; dark: Set<string> }, scale = 4) {
  const width = (side + 8) * scale
  const data = new Uint8ClampedArray(width * width * 4).fill(255)
  for (const key of dark) {
    const [x, y] = key.split(',').map(Number) as [number, number]
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const i = (((y + 4) * scale + dy) * width + (x + 4) * scale + dx) * 4
        data[i] = data[i + 1] = data[i + 2] = 0
      }
  }
  return { width, height: width, data }
}

function readBack(url: string) {
  const image = rasterize(modulesOf(url))
  return { jsQR: jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data, paulmillr: decodeQR(image) }
}

const request = createQrSignRequest({
  transaction: { chainId: 1, to: address(7), value: parseEther('1.5'), nonce: 12, gas: 65_000n, maxFeePerGas: parseGwei('30'), maxPriorityFeePerGas: parseGwei('1'), data: `0xa9059cbb${'00'.repeat(12)}${address(8).slice(2)}${'00'.repeat(31)}64` },
  address: address(1),
  path: "m/44'/60'/0'/0/0",
  sourceFingerprint: signer.fingerprint,
  requestId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d',
})
const frames = Array.from({ length: request.encoder.fragmentsLength + 2 }, () => request.encoder.nextPart())

// What the app draws: Receive's URI at medium, the signing request's frames (upper-cased for the
// alphanumeric mode, as AnimatedQr does) at low.
const shown: { kind: string; text: string; errorCorrection: 'low' | 'medium' }[] = [
  ...[1, 11155111, 560048].map((chainId) => ({ kind: `EIP-681 URI, chain ${chainId}`, text: `ethereum:${address(chainId)}@${chainId}`, errorCorrection: 'medium' as const })),
  ...frames.map((frame, i) => ({ kind: `signing request frame ${i + 1} of ${frames.length}`, text: frame.toUpperCase(), errorCorrection: 'low' as const })),
  { kind: 'the whole signing request in one frame', text: request.text.toUpperCase(), errorCorrection: 'low' },
]

describe('qrCodeImage', () => {
  it('draws multi-frame requests (the test covers the animated case)', () => {
    expect(request.encoder.fragmentsLength).toBeGreaterThan(1)
  })

  it.each(shown)('$kind reads back with jsQR and @paulmillr/qr, at the version qrcode chose', ({ text, errorCorrection }) => {
    const url = qrCodeImage({ text, errorCorrection })
    expect(readBack(url)).toEqual({ jsQR: text, paulmillr: text })
    const { side } = modulesOf(url)
    expect(side - 2).toBe(QRCode.create(text, { errorCorrectionLevel: errorCorrection === 'low' ? 'L' : 'M' }).modules.size)
  })

  it('keeps the quiet zone it is asked for, and the finder patterns in the corners', () => {
    const text = 'ethereum:0x0000000000000000000000000000000000000001@1'
    const size = modulesOf(qrCodeImage({ text, errorCorrection: 'medium', border: 0 })).side
    for (const border of [0, 1, 4]) {
      const { side, dark } = modulesOf(qrCodeImage({ text, errorCorrection: 'medium', border }))
      expect(side).toBe(size + 2 * border)
      for (const [x, y] of [[0, 0], [size - 7, 0], [0, size - 7]] as const) {
        expect(dark.has(`${border + x},${border + y}`)).toBe(true)
        expect(dark.has(`${border + x + 1},${border + y + 1}`)).toBe(false)
        expect(dark.has(`${border + x + 3},${border + y + 3}`)).toBe(true)
      }
      if (border > 0) expect([...dark].some((key) => key.split(',').some((v) => Number(v) < border))).toBe(false)
    }
  })
})
